import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Tx } from '@platform/database';
import { JobProducer } from '@platform/queue';
import { WebhookDeliveryRepository } from '../delivery/webhook-delivery.repository.js';
import { WebhookEndpointRepository } from '../endpoint/webhook-endpoint.repository.js';
import { assertWebhookEventType } from '../endpoint/webhook-event-type.policy.js';
import { webhooksQueue } from '../webhooks.queue.js';
import { WebhookMessageRepository } from './webhook-message.repository.js';

/** An event to send to a tenant's webhook endpoints. */
export interface WebhookEvent {
  /** `noun.verb`, e.g. `transaction.review`. */
  readonly type: string;
  /** The body's `data`: JSON, as the receiver will parse it. */
  readonly data: Record<string, unknown>;
}

/** A new message id: `msg_` and 128 random bits (base64url), the `webhook-id` receivers deduplicate on. */
export function newWebhookMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

/**
 * How other domains emit webhook events. `publish` writes the message, one delivery per active endpoint subscribed to
 * its type and each delivery's first job (outbox) in the caller's transaction: the event goes out if and only if the
 * change that caused it commits.
 */
@Injectable()
export class WebhookPublisher {
  constructor(
    private readonly messages: WebhookMessageRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly jobs: JobProducer,
  ) {}

  async publish(tx: Tx, tenantId: string, event: WebhookEvent): Promise<void> {
    assertWebhookEventType(event.type);
    // Round-trips the data through JSON now, so what is stored is exactly what will be sent.
    const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>;
    const id = newWebhookMessageId();
    await this.messages.insert(tx, { id, tenantId, type: event.type, payload: data, timestamp: new Date() });
    for (const endpoint of await this.endpoints.findSubscribed(tx, tenantId, event.type)) {
      const delivery = await this.deliveries.insert(tx, { tenantId, messageId: id, endpointId: endpoint.id });
      await this.jobs.enqueue(
        tx,
        webhooksQueue,
        'webhooks.deliver',
        { tenantId, deliveryId: delivery.id, attempt: 1 },
        { jobId: `webhook-delivery-${delivery.id}-1` },
      );
    }
  }
}
