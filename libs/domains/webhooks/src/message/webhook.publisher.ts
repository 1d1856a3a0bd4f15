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
    await this.deliver(tx, tenantId, id, await this.endpoints.findSubscribed(tx, tenantId, event.type));
  }

  /**
   * publish() for many events of one tenant: every type is checked first, the messages go in one multi-row insert,
   * the subscribed endpoints are read once per distinct type, then each message gets its deliveries and first jobs as
   * publish() gives them (none when the tenant has no endpoint for the type). Answers the message ids, in order.
   */
  async publishMany(tx: Tx, tenantId: string, events: readonly WebhookEvent[]): Promise<string[]> {
    for (const event of events) assertWebhookEventType(event.type);
    const timestamp = new Date();
    const messages = events.map((event) => ({
      id: newWebhookMessageId(),
      type: event.type,
      payload: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
      timestamp,
    }));
    await this.messages.insertMany(tx, tenantId, messages);
    const subscribed = new Map<string, { id: string }[]>();
    for (const type of new Set(events.map((e) => e.type))) {
      subscribed.set(type, await this.endpoints.findSubscribed(tx, tenantId, type));
    }
    for (const message of messages) await this.deliver(tx, tenantId, message.id, subscribed.get(message.type) ?? []);
    return messages.map((m) => m.id);
  }

  /** One delivery and its first-attempt job (outbox) per endpoint. */
  private async deliver(
    tx: Tx,
    tenantId: string,
    messageId: string,
    endpoints: readonly { id: string }[],
  ): Promise<void> {
    for (const endpoint of endpoints) {
      const delivery = await this.deliveries.insert(tx, { tenantId, messageId, endpointId: endpoint.id });
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
