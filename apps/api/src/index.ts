export { createApiApp, listenApi, type ApiAppOptions } from './api.app.js';
export { ApiModule } from './api.module.js';
export { allQueues } from './queues.js';
export { DEMO_TENANT, demoUsers, ensureDemoTenant, seedDemo, type DemoSeedOutcome } from './demo/demo.seeder.js';
