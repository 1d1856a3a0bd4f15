import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { inspectModel, readDefaultModel } from '@domains/monitoring';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

const DEMO_KEY = 'vk_demointegrat_VerityDemoIntegrationKey-NotForProduction00';

/** The body of the issue, verbatim. */
const SAMPLE = {
  id: 't-1001',
  customerId: 'c-42',
  accountId: 'a-42',
  direction: 'out',
  channel: 'wire',
  amount: { value: 980000, currency: 'USD' },
  bookedAt: '2026-11-21T10:00:00Z',
  counterparty: { name: 'Acme Trading LLC', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', country: 'DE' },
};

interface Decision {
  transactionId: string;
  externalId: string;
  decision: 'allow' | 'review' | 'block';
  score: number;
  reasons: { kind: string; message: string; ref?: string }[];
  firedRules: { name: string; message: string }[];
  contributions: { feature: string; value: number; contribution: number }[];
  ruleSetVersion: number | null;
  modelVersion: string | null;
}

describe('transactions: real-time decisions (composed api over real HTTP)', () => {
  let api: TestApi;
  let machine: HttpAgent;

  beforeAll(async () => {
    api = await startTestApi();
    machine = new HttpAgent(api.baseUrl);
  });

  afterAll(async () => {
    await api?.close();
  });

  /** A new tenant with an admin (to create keys, read transactions) and an integration key. */
  async function integrationTenant(): Promise<{ admin: TestSession; key: string; tenantId: string }> {
    const admin = await api.session(['admin']);
    const created = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const tenant = await api.app.get(TenantRepository).findBySlug(admin.tenantSlug);
    return { admin, key, tenantId: tenant!.id };
  }

  const send = (
    key: string,
    body: unknown,
    idempotencyKey: string | undefined = randomUUID(),
    path = '/v1/transactions',
  ): Promise<Response> =>
    machine.request('POST', path, {
      body,
      headers: {
        authorization: `Bearer ${key}`,
        ...(idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {}),
      },
    });

  const tx = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    ...SAMPLE,
    id: `t-${randomUUID()}`,
    ...overrides,
  });

  interface Counts {
    transactions: number;
    keys: number;
    alerts: number;
    audited: number;
    webhooks: number;
  }

  async function counts(tenantId: string): Promise<Counts> {
    const [row] = await api.app.get(TransactionRunner).run<Counts[]>(
      (t) =>
        t.query(
          `SELECT (SELECT count(*)::int FROM monitoring_transactions) AS transactions,
                  (SELECT count(*)::int FROM monitoring_idempotency_keys) AS keys,
                  (SELECT count(*)::int FROM monitoring_alerts) AS alerts,
                  (SELECT count(*)::int FROM audit_entries WHERE action = 'monitoring.transaction.decided') AS audited,
                  (SELECT count(*)::int FROM webhook_messages WHERE type LIKE 'transaction.%') AS webhooks`,
        ),
      { tenantId },
    );
    return row;
  }

  it('accepts the issue sample body verbatim from the demo integration key and answers a decision', async () => {
    const res = await send(DEMO_KEY, SAMPLE);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Decision;
    expect(body).toMatchObject({ externalId: 't-1001' });
    expect(body.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(['allow', 'review', 'block']).toContain(body.decision);
    expect(body.score).toBeGreaterThanOrEqual(0);
    expect(body.score).toBeLessThanOrEqual(1);
    expect(Array.isArray(body.reasons)).toBe(true);
    expect(body).toHaveProperty('firedRules');
    expect(body).toHaveProperty('contributions');
    expect(body).toHaveProperty('ruleSetVersion');
    expect(body).toHaveProperty('modelVersion');
  });

  it('replays a retry with the same key, refuses the key with another body, and the id under another key', async () => {
    const { key, tenantId } = await integrationTenant();
    const idem = randomUUID();
    const body = tx();
    const first = await send(key, body, idem);
    expect(first.status).toBe(201);
    const firstBody = await first.json();

    const replay = await send(key, { ...body }, idem);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(firstBody);

    const reused = await send(key, { ...body, channel: 'sepa' }, idem);
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(await reused.json()).toMatchObject({ code: 'monitoring/idempotency_key_reused' });

    const again = await send(key, body, randomUUID());
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'monitoring/transaction_exists' });

    expect(await counts(tenantId)).toMatchObject({ transactions: 1, keys: 1, audited: 1 });
  });

  it('answers bad input with 4xx problem+json and persists nothing', async () => {
    const { key, tenantId } = await integrationTenant();
    const before = await counts(tenantId);
    const cases: { name: string; body?: unknown; raw?: string; idem?: string | null; status: number; code?: string }[] =
      [
        { name: 'unknown currency', body: tx({ amount: { value: 100, currency: 'XYZ' } }), status: 400 },
        { name: 'metal, not a currency', body: tx({ amount: { value: 100, currency: 'XAU' } }), status: 400 },
        { name: 'negative amount', body: tx({ amount: { value: -100, currency: 'USD' } }), status: 400 },
        { name: 'zero amount', body: tx({ amount: { value: 0, currency: 'USD' } }), status: 400 },
        { name: 'fractional minor units', body: tx({ amount: { value: 100.5, currency: 'USD' } }), status: 400 },
        { name: 'amount as a string', body: tx({ amount: { value: '100', currency: 'USD' } }), status: 400 },
        { name: 'amount beyond 2^53', body: tx({ amount: { value: 2 ** 53 + 2, currency: 'USD' } }), status: 400 },
        {
          name: 'invalid IBAN',
          body: tx({ counterparty: { ...SAMPLE.counterparty, iban: 'DE89370400440532013001' } }),
          status: 400,
        },
        { name: 'invalid BIC', body: tx({ counterparty: { ...SAMPLE.counterparty, bic: 'COBA1234' } }), status: 400 },
        {
          name: 'unknown country',
          body: tx({ counterparty: { ...SAMPLE.counterparty, country: 'XX' } }),
          status: 400,
        },
        { name: 'time without offset', body: tx({ bookedAt: '2026-11-21T10:00:00' }), status: 400 },
        { name: 'unknown field', body: tx({ surprise: true }), status: 400 },
        { name: 'unknown direction', body: tx({ direction: 'sideways' }), status: 400 },
        {
          name: 'missing idempotency key',
          body: tx(),
          idem: null,
          status: 400,
          code: 'monitoring/idempotency_key_missing',
        },
        {
          name: 'over-long idempotency key',
          body: tx(),
          idem: 'k'.repeat(256),
          status: 400,
          code: 'monitoring/idempotency_key_missing',
        },
        { name: 'malformed JSON', raw: '{"id": "t-1", ', status: 400, code: 'platform/malformed_json' },
      ];
    for (const c of cases) {
      const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      if (c.idem !== null) headers['idempotency-key'] = c.idem ?? randomUUID();
      const res = await machine.request('POST', '/v1/transactions', {
        ...(c.raw !== undefined ? { rawBody: c.raw } : { body: c.body }),
        headers,
      });
      expect(res.status, c.name).toBe(c.status);
      expect(res.headers.get('content-type'), c.name).toContain('application/problem+json');
      const problem = (await res.json()) as { code: string };
      if (c.code) expect(problem.code, c.name).toBe(c.code);
    }
    expect(await counts(tenantId)).toEqual(before);
  });

  it('validates a batch whole: an oversized batch or one bad item writes nothing; a good one answers in order', async () => {
    const { key, tenantId } = await integrationTenant();
    const before = await counts(tenantId);

    const oversized = await send(
      key,
      { transactions: Array.from({ length: 1001 }, () => tx()) },
      randomUUID(),
      '/v1/transactions/batch',
    );
    expect(oversized.status).toBe(400);
    expect(oversized.headers.get('content-type')).toContain('application/problem+json');

    const items = Array.from({ length: 5 }, () => tx());
    items[3] = { ...items[3], amount: { value: 12.5, currency: 'EUR' } };
    const oneBad = await send(key, { transactions: items }, randomUUID(), '/v1/transactions/batch');
    expect(oneBad.status).toBe(400);
    const problem = (await oneBad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toContain('transactions.3.amount.value');

    const dup = [tx(), tx()];
    dup[1] = { ...dup[1], id: dup[0].id };
    const duplicated = await send(key, { transactions: dup }, randomUUID(), '/v1/transactions/batch');
    expect(duplicated.status).toBe(400);
    expect(((await duplicated.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('transactions.1.id');

    expect(await counts(tenantId)).toEqual(before);

    const good = Array.from({ length: 4 }, (_, i) =>
      tx({ customerId: `c-batch-${i % 2}`, accountId: `a-batch-${i % 2}` }),
    );
    const ok = await send(key, { transactions: good }, randomUUID(), '/v1/transactions/batch');
    expect(ok.status).toBe(201);
    const { results } = (await ok.json()) as { results: Decision[] };
    expect(results.map((r) => r.externalId)).toEqual(good.map((g) => g.id));
    expect((await counts(tenantId)).transactions).toBe(before.transactions + 4);
  });

  it('gives 20 concurrent identical requests with one key exactly one decision', async () => {
    const { key, tenantId } = await integrationTenant();
    const idem = randomUUID();
    const body = tx();
    const responses = await Promise.all(Array.from({ length: 20 }, () => send(key, body, idem)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const answered = await Promise.all(responses.filter((r) => r.status === 201).map((r) => r.json()));
    expect(answered.length).toBeGreaterThan(0);
    for (const a of answered) expect(a).toEqual(answered[0]);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(await r.json()).toMatchObject({ code: 'monitoring/idempotency_key_in_flight' });
    }
    // The ones told "in flight" retry and get the stored answer.
    const retry = await send(key, body, idem);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(answered[0]);
    expect(await counts(tenantId)).toMatchObject({ transactions: 1, keys: 1, audited: 1 });
  });

  it('commits concurrent single requests together, each with the answer it would get alone', async () => {
    const { admin, key, tenantId } = await integrationTenant();
    const second = await admin.agent.post('/v1/api-keys', { name: 'gateway-2', role: 'integration' });
    const { key: key2 } = (await second.json()) as { key: string };
    // An earlier decision, to be replayed, reused with another body, and named again under a new key.
    const earlier = tx({ customerId: 'c-group-0', accountId: 'a-group-0' });
    const earlierKey = randomUUID();
    const first = await send(key, earlier, earlierKey);
    expect(first.status).toBe(201);
    const firstAnswer = await first.json();

    // 40 new transactions over 10 customers from two keys, and the three odd ones, all at once.
    const fresh = Array.from({ length: 40 }, (_, i) =>
      tx({ customerId: `c-group-${i % 10}`, accountId: `a-group-${i % 10}` }),
    );
    const [responses, replay, reused, again] = await Promise.all([
      Promise.all(fresh.map((body, i) => send(i % 3 === 0 ? key2 : key, body))),
      send(key, earlier, earlierKey),
      send(key, { ...earlier, channel: 'sepa' }, earlierKey),
      send(key, earlier, randomUUID()),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(201));
    const decided = (await Promise.all(responses.map((r) => r.json()))) as Decision[];
    expect(decided.map((d) => d.externalId)).toEqual(fresh.map((b) => b.id));
    expect(new Set(decided.map((d) => d.transactionId)).size).toBe(40);
    // The same key concurrently: the replay and the 422 are answered from the stored response, whichever runs first.
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(firstAnswer);
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'monitoring/idempotency_key_reused' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'monitoring/transaction_exists' });
    expect(await counts(tenantId)).toMatchObject({ transactions: 41, keys: 41, audited: 41 });

    const runner = api.app.get(TransactionRunner);
    const writers = await runner.run<{ writer: string }[]>(
      (t) =>
        t.query(
          `SELECT DISTINCT xmin::text AS writer FROM monitoring_transactions WHERE external_id = ANY($1::text[])`,
          [fresh.map((b) => b.id)],
        ),
      { tenantId },
    );
    // Group commit: the 40 decisions were written by fewer transactions than requests.
    expect(writers.length).toBeLessThan(40);
    // Their audit entries were written by the same transactions, each naming the key that sent its request.
    const actors = await runner.run<{ actor_id: string; n: number }[]>(
      (t) =>
        t.query(
          `SELECT actor_id, count(*)::int AS n FROM audit_entries
            WHERE action = 'monitoring.transaction.decided' AND xmin::text = ANY($1::text[]) GROUP BY actor_id`,
          [writers.map((w) => w.writer)],
        ),
      { tenantId },
    );
    expect(actors.map((a) => a.n).sort((a, b) => a - b)).toEqual([14, 26]);
    // Each customer's transactions counted one another (and c-group-0 the earlier one too).
    const counts1h: Record<string, number[]> = {};
    for (const [i, d] of decided.entries()) {
      const detail = await admin.agent.get(`/v1/transactions/${d.transactionId}`);
      const { features } = (await detail.json()) as { features: Record<string, number> };
      (counts1h[fresh[i].customerId as string] ??= []).push(features.customerCount1h);
    }
    for (const seen of Object.values(counts1h)) {
      expect(seen).toHaveLength(4);
    }
    expect(counts1h['c-group-0'].sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
    for (let c = 1; c < 10; c += 1) expect(counts1h[`c-group-${c}`].sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
  });

  it('serialises one customer: concurrent transactions see counts 1..n in commit order', async () => {
    const { key, admin } = await integrationTenant();
    const n = 12;
    const customerId = `c-${randomUUID()}`;
    const bodies = Array.from({ length: n }, () =>
      tx({ customerId, accountId: `a-${customerId}`, bookedAt: '2026-11-21T10:00:00Z' }),
    );
    const responses = await Promise.all(bodies.map((b) => send(key, b)));
    expect(responses.map((r) => r.status)).toEqual(Array(n).fill(201));
    const decided = (await Promise.all(responses.map((r) => r.json()))) as Decision[];
    const counts1h: number[] = [];
    for (const d of decided) {
      const detail = await admin.agent.get(`/v1/transactions/${d.transactionId}`);
      expect(detail.status).toBe(200);
      const { features } = (await detail.json()) as { features: Record<string, number> };
      counts1h.push(features.customerCount1h);
    }
    expect(counts1h.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });

  it('raises an alert and a review decision when a published rule fires', async () => {
    const { key, admin, tenantId } = await integrationTenant();
    const document = {
      rules: [
        {
          name: 'large-wire',
          conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 5000 }] },
          event: { type: 'large', params: { message: 'Wire above 5,000 USD', action: 'review', weight: 0.3 } },
        },
      ],
      thresholds: { review: 0.5, block: 0.9 },
    };
    await api.app.get(TransactionRunner).run(
      (t) =>
        t.query(
          `INSERT INTO monitoring_rule_sets (tenant_id, name, version, status, document, content_hash, published_at)
             VALUES ($1, 'e2e', 1, 'published', $2, repeat('0', 64), now())`,
          [tenantId, JSON.stringify(document)],
        ),
      { tenantId },
    );
    const small = (await (await send(key, tx({ amount: { value: 1000, currency: 'USD' } }))).json()) as Decision;
    expect(small).toMatchObject({ decision: 'allow', firedRules: [], ruleSetVersion: 1 });

    const large = await send(key, tx({ amount: { value: 980000, currency: 'USD' } }));
    expect(large.status).toBe(201);
    const decided = (await large.json()) as Decision;
    expect(decided).toMatchObject({ decision: 'review', ruleSetVersion: 1 });
    expect(decided.firedRules.map((r) => r.name)).toEqual(['large-wire']);
    expect(decided.reasons[0]).toMatchObject({ kind: 'rule', message: 'Wire above 5,000 USD' });
    expect(decided.score).toBeGreaterThanOrEqual(0.3);

    // The analysts' queue (GET /v1/alerts, cases domain) picks the alert up on the next intake pass: alerts.e2e-spec.
    // Two decisions audited; one alert and one webhook message, all committed with their decisions.
    expect(await counts(tenantId)).toEqual({ transactions: 2, keys: 2, alerts: 1, audited: 2, webhooks: 1 });

    const list = (await (await admin.agent.get('/v1/transactions?decision=review')).json()) as {
      items: { transactionId: string }[];
    };
    expect(list.items.map((i) => i.transactionId)).toEqual([decided.transactionId]);
    const all = (await (await admin.agent.get('/v1/transactions?limit=1')).json()) as {
      items: unknown[];
      nextCursor: string | null;
    };
    expect(all.items).toHaveLength(1);
    expect(all.nextCursor).not.toBeNull();
  });

  it('scores with the champion (top contributions, model version) and stores the shadow scores', async () => {
    const { key, admin, tenantId } = await integrationTenant();
    const model = await readDefaultModel();
    const sha256 = createHash('sha256').update(model.bytes).digest('hex');
    for (const [name, status] of [
      ['champion-model', 'champion'],
      ['shadow-model', 'shadow'],
    ] as const) {
      await api.app.get(TransactionRunner).run(
        (t) =>
          t.query(
            `INSERT INTO monitoring_models (tenant_id, name, version, status, bytes, size_bytes, sha256, inspection)
               VALUES ($1, $2, 1, $3, $4, $5, $6, $7)`,
            [
              tenantId,
              name,
              status,
              Buffer.from(model.bytes),
              model.bytes.byteLength,
              sha256,
              JSON.stringify(inspectModel(model.bytes)),
            ],
          ),
        { tenantId },
      );
    }
    const res = await send(key, tx());
    expect(res.status).toBe(201);
    const decided = (await res.json()) as Decision;
    expect(decided.modelVersion).toBe('champion-model@1');
    expect(decided.contributions).toHaveLength(5);
    const magnitudes = decided.contributions.map((c) => Math.abs(c.contribution));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
    expect(decided.reasons.filter((r) => r.kind === 'feature')).toHaveLength(5);

    const detail = (await (await admin.agent.get(`/v1/transactions/${decided.transactionId}`)).json()) as {
      modelScore: number;
      shadowScores: { name: string; score: number }[];
      features: Record<string, number | string>;
    };
    expect(detail.modelScore).toBeGreaterThan(0);
    // The shadow is the same model: it scores the same row the same way.
    expect(detail.shadowScores).toEqual([expect.objectContaining({ name: 'shadow-model', version: 1 })]);
    expect(detail.shadowScores[0].score).toBeCloseTo(detail.modelScore, 6);
    expect(detail.features).toMatchObject({ amount: 9800, customerCount1h: 1, direction: 'out', currency: 'USD' });
  });

  it('keeps transactions to their roles and tenants', async () => {
    const { key } = await integrationTenant();
    const decided = (await (await send(key, tx())).json()) as Decision;
    const other = await api.session(['analyst']);
    expect((await other.agent.get(`/v1/transactions/${decided.transactionId}`)).status).toBe(404);
    expect((await other.agent.post('/v1/transactions', tx(), { 'idempotency-key': randomUUID() })).status).toBe(403);
    const auditor = await api.session(['auditor']);
    expect((await auditor.agent.get('/v1/alerts')).status).toBe(200);
  });
});
