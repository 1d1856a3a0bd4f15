import { defineQueue } from '@platform/queue';

/** Jobs of the webhooks domain: the producer/consumer contract. */
export interface WebhooksJobs {
  /**
   * Send one delivery (a message to one endpoint). `attempt` is the 1-based attempt this job makes: a job whose
   * attempt is not the delivery's next one (a duplicate, or a delivery already delivered or failed) does nothing.
   */
  'webhooks.deliver': { tenantId: string; deliveryId: string; attempt: number };
  /**
   * Every few minutes (one schedule for all workers): queues again the pending deliveries whose next attempt is long
   * overdue and that no attempt holds, because their job was lost (e.g. it failed for good while the database was
   * down). A duplicate of a job that still exists is harmless: only one run makes each attempt.
   */
  'webhooks.deliveries.resume': Record<string, never>;
}

export const webhooksQueue = defineQueue<WebhooksJobs>()('webhooks');
