import { describe, expect, it, vi } from 'vitest';
import type { Tx } from '@platform/database';
import type { JobProducer } from '@platform/queue';
import type { WebhookDeliveryRepository } from '../delivery/webhook-delivery.repository.js';
import type { WebhookEndpointRepository } from '../endpoint/webhook-endpoint.repository.js';
import type { WebhookMessageRepository } from './webhook-message.repository.js';
import { WebhookPublisher } from './webhook.publisher.js';

const TENANT = '00000000-0000-4000-8000-000000000001';
const tx = {} as Tx;

function publisherWith(endpointIds: string[]) {
  const messages = { insert: vi.fn().mockResolvedValue(undefined), insertMany: vi.fn().mockResolvedValue(undefined) };
  const endpoints = { findSubscribed: vi.fn().mockResolvedValue(endpointIds.map((id) => ({ id }))) };
  let n = 0;
  const deliveries = { insert: vi.fn().mockImplementation(() => Promise.resolve({ id: `delivery-${++n}` })) };
  const jobs = { enqueue: vi.fn().mockResolvedValue(undefined) };
  const publisher = new WebhookPublisher(
    messages as unknown as WebhookMessageRepository,
    endpoints as unknown as WebhookEndpointRepository,
    deliveries as unknown as WebhookDeliveryRepository,
    jobs as unknown as JobProducer,
  );
  return { publisher, messages, endpoints, deliveries, jobs };
}

describe('WebhookPublisher', () => {
  it('writes the message, one delivery and one first-attempt job per subscribed endpoint, all in the given tx', async () => {
    const { publisher, messages, endpoints, deliveries, jobs } = publisherWith(['e1', 'e2']);
    await publisher.publish(tx, TENANT, { type: 'transaction.review', data: { at: new Date(0), score: 0.7 } });

    expect(endpoints.findSubscribed).toHaveBeenCalledWith(tx, TENANT, 'transaction.review');
    const [[messageTx, message]] = messages.insert.mock.calls as [[Tx, Record<string, unknown>]];
    expect(messageTx).toBe(tx);
    expect(message).toMatchObject({
      tenantId: TENANT,
      type: 'transaction.review',
      // Stored as it will be sent: through JSON.
      payload: { at: '1970-01-01T00:00:00.000Z', score: 0.7 },
    });
    expect(message.id).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(deliveries.insert.mock.calls).toEqual([
      [tx, { tenantId: TENANT, messageId: message.id, endpointId: 'e1' }],
      [tx, { tenantId: TENANT, messageId: message.id, endpointId: 'e2' }],
    ]);
    expect(jobs.enqueue.mock.calls).toEqual([
      [
        tx,
        expect.objectContaining({ name: 'webhooks' }),
        'webhooks.deliver',
        { tenantId: TENANT, deliveryId: 'delivery-1', attempt: 1 },
        { jobId: 'webhook-delivery-delivery-1-1' },
      ],
      [
        tx,
        expect.objectContaining({ name: 'webhooks' }),
        'webhooks.deliver',
        { tenantId: TENANT, deliveryId: 'delivery-2', attempt: 1 },
        { jobId: 'webhook-delivery-delivery-2-1' },
      ],
    ]);
  });

  it('keeps the message but queues nothing when no endpoint takes the type', async () => {
    const { publisher, messages, jobs } = publisherWith([]);
    await publisher.publish(tx, TENANT, { type: 'transaction.blocked', data: {} });
    expect(messages.insert).toHaveBeenCalledTimes(1);
    expect(jobs.enqueue).not.toHaveBeenCalled();
  });

  it('refuses a malformed event type before writing anything', async () => {
    const { publisher, messages } = publisherWith(['e1']);
    for (const type of ['Transaction.Review', 'review', 'transaction.', 'transaction review']) {
      await expect(publisher.publish(tx, TENANT, { type, data: {} })).rejects.toMatchObject({
        code: 'webhooks/event_type_invalid',
      });
    }
    expect(messages.insert).not.toHaveBeenCalled();
  });

  it('gives every message its own id', async () => {
    const { publisher, messages } = publisherWith([]);
    await publisher.publish(tx, TENANT, { type: 'a.b', data: {} });
    await publisher.publish(tx, TENANT, { type: 'a.b', data: {} });
    const ids = (messages.insert.mock.calls as [Tx, { id: string }][]).map(([, m]) => m.id);
    expect(new Set(ids).size).toBe(2);
  });
  it('publishes many events with one message insert, one endpoint read per type, and deliveries per message', async () => {
    const { publisher, messages, endpoints, deliveries, jobs } = publisherWith(['e1']);
    const ids = await publisher.publishMany(tx, TENANT, [
      { type: 'transaction.review', data: { n: 1, at: new Date(0) } },
      { type: 'transaction.blocked', data: { n: 2 } },
      { type: 'transaction.review', data: { n: 3 } },
    ]);
    expect(messages.insert).not.toHaveBeenCalled();
    const [[manyTx, manyTenant, stored]] = messages.insertMany.mock.calls as [
      [Tx, string, { id: string; type: string; payload: unknown }[]],
    ];
    expect([manyTx, manyTenant]).toEqual([tx, TENANT]);
    expect(stored.map((m) => [m.id, m.type, m.payload])).toEqual([
      [ids[0], 'transaction.review', { n: 1, at: '1970-01-01T00:00:00.000Z' }],
      [ids[1], 'transaction.blocked', { n: 2 }],
      [ids[2], 'transaction.review', { n: 3 }],
    ]);
    expect(new Set(ids).size).toBe(3);
    expect(endpoints.findSubscribed.mock.calls).toEqual([
      [tx, TENANT, 'transaction.review'],
      [tx, TENANT, 'transaction.blocked'],
    ]);
    expect(deliveries.insert.mock.calls.map(([, d]) => (d as { messageId: string }).messageId)).toEqual(ids);
    expect(jobs.enqueue).toHaveBeenCalledTimes(3);
  });

  it('refuses a batch with one malformed event type before writing anything', async () => {
    const { publisher, messages } = publisherWith(['e1']);
    await expect(
      publisher.publishMany(tx, TENANT, [
        { type: 'transaction.review', data: {} },
        { type: 'Not.Valid', data: {} },
      ]),
    ).rejects.toMatchObject({ code: 'webhooks/event_type_invalid' });
    expect(messages.insertMany).not.toHaveBeenCalled();
  });
});
