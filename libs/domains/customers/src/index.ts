export { CustomersError, type CustomersErrorCode } from './customers.errors.js';
export { CustomersModule } from './customers.module.js';
export { CustomersHttpModule } from './customers.http.module.js';
export { CustomersJobsModule } from './customers.jobs.module.js';
export { customersQueue, type CustomersJobs } from './customers.queue.js';
export { CustomerDirectory, type TransactionParty } from './directory/customer-directory.port.js';
