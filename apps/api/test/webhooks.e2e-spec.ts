import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { TransactionRunner } from '@platform/database';
import { TenantRepository } from '@domains/identity';
import { WebhookDeliveryService, WebhookPublisher, type WebhookAttemptResult } from '@domains/webhooks';
import type { HttpAgent } from '@platform/testing';
import { startTestApi, type TestApi } from '@apps/api/testing';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local webhook receiver: records every request and answers with the next queued status (200 once empty). */
class Receiver {
  readonly received: Received[] = [];
  readonly statuses: number[] = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(this.statuses.shift() ?? 200).end('ok');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface EndpointDto {
  id: string;
  url: string;
  eventTypes: string[];
  status: string;
  description: string;
  previousSecretExpiresAt: string | null;
}
interface DeliveryDto {
  id: string;
  messageId: string;
  eventType: string;
  endpointId: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  attempts: { attempt: number; statusCode: number | null; error: string | null; durationMs: number }[];
}
interface QueuedJob {
  jobId: string;
  delayMs: number;
  payload: { tenantId: string; deliveryId: string; attempt: number };
}

describe('webhooks (composed api over real HTTP, local receiver)', () => {
  let api: TestApi;
  let receiver: Receiver;
  let receiverUrl: string;
  const ranJobs = new Set<string>();

  beforeAll(async () => {
    // Short retries (jitter ±10 %) so the schedule can be checked; the local receiver needs the loopback allowed.
    api = await startTestApi({
      WEBHOOKS_RETRY_SCHEDULE: '10s,20s',
      WEBHOOKS_TIMEOUT_MS: '5000',
      WEBHOOKS_ALLOW_INSECURE_LOCALHOST: 'true',
    });
    receiver = new Receiver();
    receiverUrl = await receiver.start();
  });

  afterAll(async () => {
    await receiver?.close();
    await api?.close();
  });

  const tenantIdOf = async (slug: string): Promise<string> => {
    const tenant = await api.app.get(TenantRepository).findBySlug(slug);
    if (!tenant) throw new Error(`no tenant ${slug}`);
    return tenant.id;
  };

  /** Publishes in a transaction of the tenant; `rollBack` makes the transaction fail after publishing. */
  const publish = async (
    tenantId: string,
    event: { type: string; data: Record<string, unknown> },
    rollBack = false,
  ): Promise<void> => {
    const publisher = api.app.get(WebhookPublisher);
    await api.app
      .get(TransactionRunner)
      .run(
        async (tx) => {
          await publisher.publish(tx, tenantId, event);
          if (rollBack) throw new Error('rolled back on purpose');
        },
        { tenantId },
      )
      .catch((error: unknown) => {
        if (!rollBack) throw error;
      });
  };

  /** The webhook jobs written to the outbox (this api has no relay) that no test has run yet. */
  const queuedJobs = async (tenantId: string): Promise<QueuedJob[]> => {
    const rows: { job_id: string; delay_ms: number; payload: QueuedJob['payload'] }[] = await api.app
      .get(TransactionRunner)
      .reader.query(`SELECT job_id, delay_ms, payload FROM outbox_jobs WHERE queue = 'webhooks' ORDER BY id`);
    return rows
      .filter((r) => r.payload.tenantId === tenantId && !ranJobs.has(r.job_id))
      .map((r) => ({ jobId: r.job_id, delayMs: r.delay_ms, payload: r.payload }));
  };

  /** Runs the queued webhook jobs as the worker's processor would, once each. */
  const runJobs = async (tenantId: string): Promise<WebhookAttemptResult[]> => {
    const results: WebhookAttemptResult[] = [];
    for (const job of await queuedJobs(tenantId)) {
      ranJobs.add(job.jobId);
      const { deliveryId, attempt } = job.payload;
      results.push(await api.app.get(WebhookDeliveryService).attempt(tenantId, deliveryId, attempt));
    }
    return results;
  };

  const createEndpoint = async (
    agent: HttpAgent,
    body: Record<string, unknown>,
  ): Promise<{ endpoint: EndpointDto; secret: string }> => {
    const res = await agent.post('/v1/webhooks/endpoints', body);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { endpoint: EndpointDto; secret: string };
  };

  const deliveries = async (agent: HttpAgent, endpointId: string): Promise<DeliveryDto[]> => {
    const res = await agent.get(`/v1/webhooks/deliveries?endpointId=${endpointId}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { deliveries: DeliveryDto[] }).deliveries;
  };

  const receivedFor = (path: string): Received[] => receiver.received.filter((r) => r.path === path);

  const verify = (secret: string, request: Received): unknown =>
    new Webhook(secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    });

  it('creates an endpoint, shows its secret once, and delivers a committed event signed per Standard Webhooks', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenantId = await tenantIdOf(tenantSlug);
    const { endpoint, secret } = await createEndpoint(agent, {
      url: `${receiverUrl}/first`,
      eventTypes: ['transaction.review'],
      description: 'case system',
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({
      url: `${receiverUrl}/first`,
      eventTypes: ['transaction.review'],
      status: 'active',
    });

    const listed = await agent.get('/v1/webhooks/endpoints');
    expect(listed.status).toBe(200);
    const listedText = await listed.text();
    expect(listedText).not.toContain(secret.slice(6));
    expect((JSON.parse(listedText) as { endpoints: EndpointDto[] }).endpoints).toEqual([
      expect.objectContaining({ id: endpoint.id, description: 'case system' }),
    ]);

    await publish(tenantId, { type: 'transaction.review', data: { transactionId: 'tx-1', score: 0.72 } });
    await publish(tenantId, { type: 'transaction.blocked', data: { transactionId: 'tx-2' } }); // not subscribed
    const pending = await deliveries(agent, endpoint.id);
    expect(pending).toEqual([
      expect.objectContaining({ status: 'pending', eventType: 'transaction.review', attemptCount: 0, attempts: [] }),
    ]);

    expect(await runJobs(tenantId)).toEqual(['delivered']);
    const [request] = receivedFor('/first');
    expect(receivedFor('/first')).toHaveLength(1);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['webhook-id']).toBe(pending[0]?.messageId);
    expect(String(request?.headers['webhook-id'])).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    const verified = verify(secret, request) as { type: string; timestamp: string; data: unknown };
    expect(verified).toEqual({
      type: 'transaction.review',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { transactionId: 'tx-1', score: 0.72 },
    });

    const [done] = await deliveries(agent, endpoint.id);
    expect(done).toMatchObject({ status: 'delivered', attemptCount: 1, nextAttemptAt: null });
    expect(done?.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, error: null })]);

    // A duplicate of the job (at-least-once delivery) sends nothing again.
    expect(await api.app.get(WebhookDeliveryService).attempt(tenantId, done.id, 1)).toBe('skipped');
    expect(receivedFor('/first')).toHaveLength(1);
  });

  it('retries, rather than drops, an attempt held by a run that died before recording it', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenantId = await tenantIdOf(tenantSlug);
    const { endpoint } = await createEndpoint(agent, { url: `${receiverUrl}/crashed` });
    await publish(tenantId, { type: 'transaction.review', data: {} });
    const jobs = await queuedJobs(tenantId);
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    const { deliveryId } = job.payload;
    const setLease = (interval: string): Promise<unknown> =>
      api.app
        .get(TransactionRunner)
        .run(
          (tx) =>
            tx.query(`UPDATE webhook_deliveries SET locked_until = now() + $2::interval WHERE id = $1`, [
              deliveryId,
              interval,
            ]),
          { tenantId },
        );
    const service = api.app.get(WebhookDeliveryService);

    await setLease('1 minute'); // as a run that claimed the attempt and then crashed would leave it
    await expect(service.attempt(tenantId, deliveryId, 1)).rejects.toThrow(/held by another run/);
    expect(receivedFor('/crashed')).toEqual([]);

    await setLease('-1 second'); // the lease has run out: the queue's retry of the job now sends
    expect(await service.attempt(tenantId, deliveryId, 1)).toBe('delivered');
    ranJobs.add(job.jobId);
    expect(receivedFor('/crashed')).toHaveLength(1);
    expect((await deliveries(agent, endpoint.id))[0]).toMatchObject({ status: 'delivered', attemptCount: 1 });
  });

  it('queues again a delivery whose job was lost, once its next attempt is long overdue', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenantId = await tenantIdOf(tenantSlug);
    const { endpoint } = await createEndpoint(agent, { url: `${receiverUrl}/lost` });
    await publish(tenantId, { type: 'transaction.review', data: {} });
    const lost = await queuedJobs(tenantId);
    expect(lost).toHaveLength(1);
    for (const job of lost) ranJobs.add(job.jobId); // the job is lost: it never runs
    const service = api.app.get(WebhookDeliveryService);

    expect(await service.resumeOverdue(tenantId)).toBe(0); // not overdue yet
    await api.app
      .get(TransactionRunner)
      .run(
        (tx) =>
          tx.query(`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 hour' WHERE endpoint_id = $1`, [
            endpoint.id,
          ]),
        { tenantId },
      );
    expect(await service.resumeOverdue(tenantId)).toBe(1);
    expect(await service.resumeOverdue(tenantId)).toBe(0); // its next attempt is now, no longer overdue
    expect(await runJobs(tenantId)).toEqual(['delivered']);
    expect(receivedFor('/lost')).toHaveLength(1);
    // The lost job, should it turn up after all, sends nothing.
    expect(await service.attempt(tenantId, lost[0].payload.deliveryId, 1)).toBe('skipped');
  });

  it('sends nothing for an event whose transaction rolls back', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenantId = await tenantIdOf(tenantSlug);
    const { endpoint } = await createEndpoint(agent, { url: `${receiverUrl}/rolled-back` });
    await publish(tenantId, { type: 'transaction.review', data: { transactionId: 'tx-9' } }, true);
    expect(await queuedJobs(tenantId)).toEqual([]);
    expect(await deliveries(agent, endpoint.id)).toEqual([]);
    expect(receivedFor('/rolled-back')).toEqual([]);
  });

  it('retries a failing endpoint on the configured schedule with jitter, then delivers', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenantId = await tenantIdOf(tenantSlug);
    const { endpoint, secret } = await createEndpoint(agent, { url: `${receiverUrl}/flaky` });
    await publish(tenantId, { type: 'transaction.blocked', data: { transactionId: 'tx-3' } });

    receiver.statuses.push(503, 500);
    expect(await runJobs(tenantId)).toEqual(['retry_scheduled']);
    const [second] = await queuedJobs(tenantId);
    expect(second?.payload.attempt).toBe(2);
    expect(second?.delayMs).toBeGreaterThanOrEqual(8_500); // 10 s − 10 %, less the time the test took
    expect(second?.delayMs).toBeLessThanOrEqual(11_000);
    const [afterFirst] = await deliveries(agent, endpoint.id);
    expect(afterFirst).toMatchObject({ status: 'pending', attemptCount: 1 });
    expect(Date.parse(afterFirst.nextAttemptAt!)).toBeGreaterThan(Date.now() + 8_000);

    expect(await runJobs(tenantId)).toEqual(['retry_scheduled']);
    const [third] = await queuedJobs(tenantId);
    expect(third?.payload.attempt).toBe(3);
    expect(third?.delayMs).toBeGreaterThanOrEqual(17_500);
    expect(third?.delayMs).toBeLessThanOrEqual(22_000);

    expect(await runJobs(tenantId)).toEqual(['delivered']);
    const [done] = await deliveries(agent, endpoint.id);
    expect(done).toMatchObject({ status: 'delivered', attemptCount: 3 });
    expect(done?.attempts.map((a) => a.statusCode)).toEqual([503, 500, 200]);
    expect(done?.attempts[0]?.error).toContain('503');
    const requests = receivedFor('/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const request of requests) expect(verify(secret, request)).toMatchObject({ type: 'transaction.blocked' });
    expect(await queuedJobs(tenantId)).toEqual([]);
  });

  it('fails a delivery once the schedule is exhausted, recording why each attempt failed', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenantId = await tenantIdOf(tenantSlug);
    const { endpoint } = await createEndpoint(agent, { url: 'http://127.0.0.1:9/closed' }); // discard port: refused
    await publish(tenantId, { type: 'transaction.review', data: {} });
    const results = [...(await runJobs(tenantId)), ...(await runJobs(tenantId)), ...(await runJobs(tenantId))];
    expect(results).toEqual(['retry_scheduled', 'retry_scheduled', 'failed']);
    const [failed] = await deliveries(agent, endpoint.id);
    expect(failed).toMatchObject({ status: 'failed', attemptCount: 3, nextAttemptAt: null });
    expect(failed?.attempts.map((a) => a.statusCode)).toEqual([null, null, null]);
    expect(failed?.attempts[0]?.error).toBeTruthy();
    expect(await queuedJobs(tenantId)).toEqual([]);
  });

  it('refuses URLs that are not https or that point at internal addresses, storing nothing', async () => {
    const { agent } = await api.session(['admin']);
    for (const url of [
      'http://hooks.example.com/plain-http',
      'ftp://hooks.example.com/',
      'https://10.0.0.8/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fd00:ec2::254]/',
      'http://127.0.0.2:8080/not-the-allowed-loopback',
      'https://0xa.1.2.3/', // 10.1.2.3
      'https://admin:pw@hooks.example.com/',
    ]) {
      const res = await agent.post('/v1/webhooks/endpoints', { url });
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'webhooks/url_not_allowed' });
    }
    const invalid = await agent.post('/v1/webhooks/endpoints', { url: `${receiverUrl}/x`, eventTypes: ['Not A Type'] });
    expect(invalid.status).toBe(400);
    expect(await (await agent.get('/v1/webhooks/endpoints')).json()).toEqual({ endpoints: [] });
  });

  it('rotates the secret: both secrets sign for a while, and the rotation is audited', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenantId = await tenantIdOf(tenantSlug);
    const { endpoint, secret: oldSecret } = await createEndpoint(agent, { url: `${receiverUrl}/rotated` });
    const rotated = await agent.post(`/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const { secret: newSecret, endpoint: after } = (await rotated.json()) as { secret: string; endpoint: EndpointDto };
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(after.previousSecretExpiresAt!)).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    await publish(tenantId, { type: 'transaction.review', data: { n: 1 } });
    expect(await runJobs(tenantId)).toEqual(['delivered']);
    const [request] = receivedFor('/rotated');
    expect(String(request?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(newSecret, request)).toMatchObject({ data: { n: 1 } });
    expect(verify(oldSecret, request)).toMatchObject({ data: { n: 1 } });

    const actions = await api.app.get(TransactionRunner).run<{ action: string }[]>(
      (tx) =>
        tx.query(
          `SELECT e.action FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
              WHERE l.tenant_id = $1 AND e.subject_type = 'webhook_endpoint' AND e.subject_id = $2 ORDER BY e.id`,
          [tenantId, endpoint.id],
        ),
      { tenantId },
    );
    expect(actions.map((a) => a.action)).toEqual(['webhooks.endpoint.created', 'webhooks.endpoint.secret_rotated']);
  });

  it('disables an endpoint: nothing new is sent, pending deliveries fail, rotation is refused', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const tenantId = await tenantIdOf(tenantSlug);
    const { endpoint } = await createEndpoint(agent, { url: `${receiverUrl}/disabled` });
    await publish(tenantId, { type: 'transaction.review', data: {} });
    const disabled = await agent.post(`/v1/webhooks/endpoints/${endpoint.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ status: 'disabled' });
    await publish(tenantId, { type: 'transaction.review', data: {} });

    expect(await runJobs(tenantId)).toEqual(['failed']);
    expect(receivedFor('/disabled')).toEqual([]);
    expect((await deliveries(agent, endpoint.id)).map((d) => d.status)).toEqual(['failed']);
    const rotate = await agent.post(`/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`);
    expect(rotate.status).toBe(409);
    expect(await rotate.json()).toMatchObject({ code: 'webhooks/endpoint_disabled' });
  });

  it('keeps endpoints and deliveries to their tenant, and to webhooks:manage', async () => {
    const owner = await api.session(['admin']);
    const { endpoint } = await createEndpoint(owner.agent, { url: `${receiverUrl}/private` });
    const stranger = await api.session(['admin']);
    expect(await (await stranger.agent.get('/v1/webhooks/endpoints')).json()).toEqual({ endpoints: [] });
    expect(await deliveries(stranger.agent, endpoint.id)).toEqual([]);
    const disable = await stranger.agent.post(`/v1/webhooks/endpoints/${endpoint.id}/disable`);
    expect(disable.status).toBe(404);
    expect(await disable.json()).toMatchObject({ code: 'webhooks/endpoint_not_found' });

    const analyst = await api.sessionInTenant(owner.tenantSlug, ['analyst']);
    expect((await analyst.agent.get('/v1/webhooks/endpoints')).status).toBe(403);
    expect((await analyst.agent.post('/v1/webhooks/endpoints', { url: `${receiverUrl}/x` })).status).toBe(403);
    expect((await analyst.agent.get('/v1/webhooks/deliveries')).status).toBe(403);
  });
});
