export { JobProducer, type EnqueueOptions } from './job.producer.js';
export { OutboxJobEntity } from './outbox-job.entity.js';
export { OutboxJobRepository, type PendingOutboxJob } from './outbox-job.repository.js';
export { OutboxRelay, OUTBOX_BATCH_SIZE, type RelayFaults } from './outbox.relay.js';
export {
  BULLMQ_PG_SCHEMA,
  configureQueueBackend,
  defaultJobOptions,
  migrateQueueBackend,
  openQueue,
  type QueueConnection,
} from './queue.backend.js';
export { defineQueue, type JobNameOf, type JobPayloadOf, type JobsOf, type QueueContract } from './queue.contract.js';
export { QueueModule, type QueueModuleOptions } from './queue.module.js';
export { QueueRegistry, type QueueDepth } from './queue.registry.js';
export { QUEUE_CONNECTION, QUEUE_CONTRACTS } from './queue.tokens.js';
