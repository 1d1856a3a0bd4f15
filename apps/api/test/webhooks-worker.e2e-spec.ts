import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { INestApplicationContext } from '@nestjs/common';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { WebhookPublisher } from '@domains/webhooks';
import { createWorkerApp } from '@apps/worker';
import { startTestApi, type TestApi } from '@apps/api/testing';

/**
 * The whole path with the real worker: outbox relay → BullMQ `webhooks` queue → WebhookDeliveryProcessor → the local
 * receiver, including a retry queued by the processor itself. (webhooks.e2e-spec.ts runs the jobs by hand instead, to
 * check each step; it must not share a process with a relay.)
 */
describe('webhooks through the worker (outbox relay, BullMQ, processor)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let server: Server;
  let receiverUrl: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const statuses: number[] = [];

  beforeAll(async () => {
    const webhooks = { WEBHOOKS_ALLOW_INSECURE_LOCALHOST: 'true', WEBHOOKS_RETRY_SCHEDULE: '200ms' };
    api = await startTestApi(webhooks);
    worker = await createWorkerApp(testConfig(webhooks));
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(statuses.shift() ?? 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('delivers a published event, retrying after a failure, and records both attempts', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenant = await api.app.get(TenantRepository).findBySlug(tenantSlug);
    const created = await agent.post('/v1/webhooks/endpoints', {
      url: receiverUrl,
      eventTypes: ['transaction.blocked'],
    });
    expect(created.status).toBe(201);
    const { secret, endpoint } = (await created.json()) as { secret: string; endpoint: { id: string } };

    statuses.push(502);
    await api.app
      .get(TransactionRunner)
      .run(
        (tx) =>
          api.app
            .get(WebhookPublisher)
            .publish(tx, tenant!.id, { type: 'transaction.blocked', data: { transactionId: 'tx-w' } }),
        { tenantId: tenant!.id },
      );

    // Bounded by the test timeout: the worker polls the outbox every 50 ms and retries after ~200 ms.
    let delivery: { status: string; attempts: { statusCode: number | null }[] } | undefined;
    while (delivery?.status !== 'delivered') {
      await sleep(100);
      const res = await agent.get(`/v1/webhooks/deliveries?endpointId=${endpoint.id}`);
      delivery = ((await res.json()) as { deliveries: (typeof delivery)[] }).deliveries[0];
    }
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([502, 204]);
    expect(received).toHaveLength(2);
    const last = received[1];
    expect(
      new Webhook(secret).verify(last.body, {
        'webhook-id': String(last.headers['webhook-id']),
        'webhook-timestamp': String(last.headers['webhook-timestamp']),
        'webhook-signature': String(last.headers['webhook-signature']),
      }),
    ).toMatchObject({ type: 'transaction.blocked', data: { transactionId: 'tx-w' } });
  });
});
