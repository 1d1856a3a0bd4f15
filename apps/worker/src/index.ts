export { createWorkerApp } from './worker.app.js';
export { WorkerModule, consumedQueues } from './worker.module.js';
