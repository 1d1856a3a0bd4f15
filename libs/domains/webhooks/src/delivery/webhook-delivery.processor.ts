import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { TenantScanner } from '@domains/identity';
import { TenantContext } from '@platform/database';
import { webhooksQueue, type WebhooksJobs } from '../webhooks.queue.js';
import { WebhookDeliveryService, type WebhookAttemptResult } from './webhook-delivery.service.js';

type DeliverJob = Job<WebhooksJobs['webhooks.deliver'], WebhookAttemptResult, 'webhooks.deliver'>;
type ResumeJob = Job<WebhooksJobs['webhooks.deliveries.resume'], number, 'webhooks.deliveries.resume'>;

/** How often the worker looks for deliveries whose job was lost. */
const RESUME_EVERY_MS = 5 * 60_000;

/**
 * The `webhooks` queue. `webhooks.deliver` makes one attempt of a delivery: a failed POST is not a failed job (the
 * attempt is recorded and the next one queued by the service); the job fails, and BullMQ retries it with backoff,
 * only on an infrastructure error (database) or while another run holds the same attempt.
 * `webhooks.deliveries.resume` re-queues deliveries whose job was lost, tenant by tenant.
 */
@Processor(webhooksQueue.name, { concurrency: 10 })
export class WebhookDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly deliveries: WebhookDeliveryService,
    private readonly tenants: TenantScanner,
    @InjectQueue(webhooksQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule shared by every worker process (the scheduler id makes it a single schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'webhooks.deliveries.resume',
      { every: RESUME_EVERY_MS },
      { name: 'webhooks.deliveries.resume', data: {} },
    );
  }

  async process(job: DeliverJob | ResumeJob): Promise<WebhookAttemptResult | number> {
    switch (job.name) {
      case 'webhooks.deliver': {
        const { tenantId, deliveryId, attempt } = job.data;
        return TenantContext.run(tenantId, () => this.deliveries.attempt(tenantId, deliveryId, attempt));
      }
      case 'webhooks.deliveries.resume': {
        const resumed = await this.tenants.sum((tenantId) => this.deliveries.resumeOverdue(tenantId));
        if (resumed > 0) this.logger.warn(`re-queued ${resumed} webhook deliveries whose job was lost`);
        return resumed;
      }
    }
  }
}
