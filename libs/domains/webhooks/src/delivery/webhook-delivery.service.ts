import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { JobProducer } from '@platform/queue';
import { WebhookEndpointRepository } from '../endpoint/webhook-endpoint.repository.js';
import { WebhookTargetPolicy } from '../endpoint/webhook-target.policy.js';
import { WebhookMessageRepository } from '../message/webhook-message.repository.js';
import { webhooksQueue } from '../webhooks.queue.js';
import { WebhookDeliveryRepository, type WebhookAttemptOutcome } from './webhook-delivery.repository.js';
import { WebhookHttpSender, type WebhookSendResult } from './webhook-http.sender.js';
import { webhookRetryDelayMs } from './webhook-retry.schedule.js';
import { signWebhook } from './webhook.signer.js';

/** What one delivery job did. */
export type WebhookAttemptResult =
  /** A 2xx answer: the delivery is delivered. */
  | 'delivered'
  /** The attempt failed and the next one is queued (with its delay). */
  | 'retry_scheduled'
  /** The last attempt failed, or the endpoint was disabled: the delivery has failed. */
  | 'failed'
  /** Nothing sent: the delivery is no longer pending, or this attempt was made already (a duplicate job). */
  | 'skipped';

/** How long past the send timeout an attempt holds its delivery (time to record the outcome). */
const LEASE_MARGIN_SECONDS = 30;

/** A pending delivery whose next attempt is this late, and that no attempt holds, has lost its job. */
const OVERDUE_SECONDS = 15 * 60;
/** How many overdue deliveries one resume pass re-queues per tenant (the next pass takes the rest). */
const RESUME_BATCH = 500;

/**
 * Sends deliveries. An attempt first claims the delivery (pending, this attempt is its next one, no other run holds
 * it) in a short transaction of its own, so a duplicate job finds it moved on and sends nothing, or finds it held and
 * fails to be retried later; a delivered delivery is never sent again. After the POST, the attempt, the delivery's new state and the next
 * attempt's job (outbox, delayed per WEBHOOKS_RETRY_SCHEDULE) commit together.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly messages: WebhookMessageRepository,
    private readonly target: WebhookTargetPolicy,
    private readonly sender: WebhookHttpSender,
    private readonly jobs: JobProducer,
  ) {}

  async attempt(tenantId: string, deliveryId: string, attempt: number): Promise<WebhookAttemptResult> {
    const timeoutMs = this.config.values.WEBHOOKS_TIMEOUT_MS;
    const claimed = await this.transactions.run(
      async (tx) => {
        const leaseSeconds = Math.ceil(timeoutMs / 1000) + LEASE_MARGIN_SECONDS;
        const claim = await this.deliveries.claim(tx, tenantId, deliveryId, attempt, leaseSeconds);
        if (claim === 'stale') return null;
        if (claim === 'held') {
          // Another run of this attempt is in flight, or died before recording it: fail the job so the queue retries
          // it after its backoff, by when the other run has recorded the attempt (then this one is stale) or its
          // lease has run out (then this one sends).
          throw new Error(`webhook delivery ${deliveryId} attempt ${attempt} is held by another run; retrying later`);
        }
        const delivery = await this.deliveries.findById(tx, tenantId, deliveryId);
        const endpoint = delivery ? await this.endpoints.findById(tx, tenantId, delivery.endpointId) : null;
        const message = delivery ? await this.messages.findById(tx, tenantId, delivery.messageId) : null;
        if (!delivery || !message || !endpoint || endpoint.status !== 'active') {
          await this.deliveries.abandon(tx, tenantId, deliveryId);
          return 'abandoned' as const;
        }
        return { endpoint, message };
      },
      { tenantId },
    );
    if (claimed === null) return 'skipped';
    if (claimed === 'abandoned') return 'failed';

    const { endpoint, message } = claimed;
    const now = new Date();
    const body = JSON.stringify({
      type: message.type,
      timestamp: message.timestamp.toISOString(),
      data: message.payload,
    });
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
      secrets.push(endpoint.previousSecret);
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Verity-Webhooks/1.0',
      'webhook-id': message.id,
      // The attempt's time, not the event's: receivers reject timestamps more than a few minutes off.
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signWebhook(secrets, message.id, now, body),
    };
    const result = await this.send(endpoint.url, headers, body, timeoutMs);
    const attemptedAt = new Date(now);
    const outcome = this.outcomeOf(result, attempt);
    await this.transactions.run(
      async (tx) => {
        const recorded = await this.deliveries.recordAttempt(
          tx,
          tenantId,
          deliveryId,
          { attempt, attemptedAt, ...result },
          outcome,
        );
        if (recorded && outcome.status === 'pending') {
          await this.jobs.enqueue(
            tx,
            webhooksQueue,
            'webhooks.deliver',
            { tenantId, deliveryId, attempt: attempt + 1 },
            {
              jobId: `webhook-delivery-${deliveryId}-${attempt + 1}`,
              delayMs: Math.max(0, outcome.nextAttemptAt.getTime() - Date.now()),
            },
          );
        }
      },
      { tenantId },
    );
    switch (outcome.status) {
      case 'delivered':
        return 'delivered';
      case 'pending':
        return 'retry_scheduled';
      case 'failed':
        this.logger.warn(`webhook delivery ${deliveryId} failed after ${attempt} attempts: ${result.error}`);
        return 'failed';
    }
  }

  /**
   * Queues again the tenant's pending deliveries whose job was lost (see `webhooks.deliveries.resume`); returns how
   * many. The job id is new (the lost job's id may still be retained, and would be deduplicated away).
   */
  async resumeOverdue(tenantId: string): Promise<number> {
    return this.transactions.run(
      async (tx) => {
        const overdue = await this.deliveries.takeOverdue(tx, tenantId, OVERDUE_SECONDS, RESUME_BATCH);
        const stamp = Date.now();
        for (const { id, nextAttempt } of overdue) {
          await this.jobs.enqueue(
            tx,
            webhooksQueue,
            'webhooks.deliver',
            { tenantId, deliveryId: id, attempt: nextAttempt },
            { jobId: `webhook-delivery-${id}-${nextAttempt}-resumed-${stamp}` },
          );
        }
        return overdue.length;
      },
      { tenantId },
    );
  }

  private async send(
    url: string,
    headers: Record<string, string>,
    body: string,
    timeoutMs: number,
  ): Promise<WebhookSendResult> {
    let target: URL;
    try {
      target = await this.target.check(url);
    } catch (error) {
      return { statusCode: null, error: error instanceof Error ? error.message : String(error), durationMs: 0 };
    }
    return this.sender.send(target, headers, body, timeoutMs);
  }

  private outcomeOf(result: WebhookSendResult, attempt: number): WebhookAttemptOutcome {
    if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300)
      return { status: 'delivered' };
    const delayMs = webhookRetryDelayMs(this.config.values.WEBHOOKS_RETRY_SCHEDULE, attempt);
    return delayMs === null
      ? { status: 'failed' }
      : { status: 'pending', nextAttemptAt: new Date(Date.now() + delayMs) };
  }
}
