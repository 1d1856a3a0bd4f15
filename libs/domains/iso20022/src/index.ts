export { Iso20022Error, type Iso20022ErrorCode } from './iso20022.errors.js';
export { Iso20022Module } from './iso20022.module.js';
export { Iso20022HttpModule } from './iso20022.http.module.js';
export { Iso20022JobsModule } from './iso20022.jobs.module.js';
export { type Iso20022Jobs, iso20022Queue } from './iso20022.queue.js';
