import type { QueueContract } from '@platform/queue';
import { identityQueue } from '@domains/identity';
import { auditExportQueue, auditQueue } from '@domains/audit';
import { customersQueue } from '@domains/customers';
import { screeningQueue } from '@domains/screening';
import { monitoringBacktestQueue, monitoringQueue } from '@domains/monitoring';
import { webhooksQueue } from '@domains/webhooks';

/** Every queue of every domain: the api produces to them (through the outbox) and reports their depth. */
export const allQueues: readonly QueueContract[] = [
  identityQueue,
  auditQueue,
  auditExportQueue,
  customersQueue,
  screeningQueue,
  monitoringQueue,
  monitoringBacktestQueue,
  webhooksQueue,
];
