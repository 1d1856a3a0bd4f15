import type { QueueContract } from '@platform/queue';
import { identityQueue } from '@domains/identity';
import { auditExportQueue, auditQueue } from '@domains/audit';
import { customersQueue } from '@domains/customers';
import { screeningQueue } from '@domains/screening';
import { monitoringBacktestQueue, monitoringQueue } from '@domains/monitoring';
import { webhooksQueue } from '@domains/webhooks';
import { casesAlertsQueue, casesQueue } from '@domains/cases';
import { iso20022Queue } from '@domains/iso20022';
import { reportingQueue } from '@domains/reporting';

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
  casesAlertsQueue,
  casesQueue,
  iso20022Queue,
  reportingQueue,
];
