import type { QueueContract } from '@platform/queue';
import { identityQueue } from '@domains/identity';
import { auditExportQueue, auditQueue } from '@domains/audit';

/** Every queue of every domain: the api produces to them (through the outbox) and reports their depth. */
export const allQueues: readonly QueueContract[] = [identityQueue, auditQueue, auditExportQueue];
