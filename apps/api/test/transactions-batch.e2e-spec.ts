import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { inspectModel, readDefaultModel } from '@domains/monitoring';
import { startTestApi, type TestApi } from '@apps/api/testing';

interface Decision {
  transactionId: string;
  externalId: string;
  decision: 'allow' | 'review' | 'block';
  score: number;
  reasons: unknown[];
  firedRules: { name: string }[];
  contributions: unknown[];
  ruleSetVersion: number | null;
  modelVersion: string | null;
}

/** Rules that fire on the mixed batch below: review on large amounts, block on very large ones and on fan-out. */
const RULE_SET = {
  rules: [
    {
      name: 'large',
      conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 5000 }] },
      event: { type: 'large', params: { message: 'Above 5,000 USD', action: 'review', weight: 0.3 } },
    },
    {
      name: 'very-large',
      conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 50000 }] },
      event: { type: 'very_large', params: { message: 'Above 50,000 USD', action: 'block', weight: 0.5 } },
    },
    {
      name: 'busy-customer',
      conditions: { all: [{ fact: 'customerCount1h', operator: 'greaterThanInclusive', value: 6 }] },
      event: { type: 'busy', params: { message: 'Six or more in an hour', action: 'review', weight: 0.2 } },
    },
  ],
  thresholds: { review: 0.5, block: 0.9 },
};

const IBANS = ['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300'];

/**
 * A mixed batch: distinct new customers, one customer with many items (out of booking order, repeated and first-seen
 * counterparties, both directions), a customer with two accounts, two customers sharing an account, amounts that
 * make rules fire (review and block), and a known customer created before the batch.
 */
function mixedBatch(base: number): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const item = (
    customerId: string,
    accountId: string,
    minutes: number,
    value: number,
    counterparty: number,
    direction: 'in' | 'out' = 'out',
  ): void => {
    items.push({
      id: `t-${randomUUID()}`,
      customerId,
      accountId,
      direction,
      channel: counterparty % 2 === 0 ? 'sepa' : 'wire',
      amount: { value, currency: counterparty % 3 === 0 ? 'EUR' : 'USD' },
      bookedAt: new Date(base + minutes * 60_000).toISOString(),
      counterparty: {
        name: `Counterparty ${counterparty}`,
        iban: IBANS[counterparty % IBANS.length],
        country: counterparty % 5 === 4 ? 'IR' : 'DE',
      },
    });
  };
  for (let i = 0; i < 12; i += 1) item(`c-solo-${i}`, `a-solo-${i}`, i, 10_000 + i * 77_777, i);
  const many = [5, 3, 9, 1, 12, 7, 2, 30, 31, 32, 8, 4, 33, 34, 35];
  many.forEach((minutes, i) =>
    item('c-many', 'a-many', minutes, i % 4 === 3 ? 7_500_000 : 120_000 + i * 1_000, i % 3, i % 5 === 2 ? 'in' : 'out'),
  );
  item('c-two', 'a-two-1', 1, 250_000, 1);
  item('c-two', 'a-two-2', 2, 900_000, 2);
  item('c-two', 'a-two-1', 3, 50_000, 7);
  item('c-shared-1', 'a-shared', 4, 40_000, 1);
  item('c-shared-2', 'a-shared', 5, 60_000, 1);
  item('c-shared-1', 'a-shared', 6, 6_000_000, 3);
  item('c-known', 'a-known', 7, 10_000, 0);
  // Interleave so that the many-item customer's items are spread through the request.
  // A fixed permutation (11 is prime to the 35 items), so the test's positions are the same on every run.
  return items.map((_, i) => items[(i * 11) % items.length]);
}

describe('transactions: a batch decides exactly as the same items one by one (composed api over real HTTP)', () => {
  let api: TestApi;
  let machine: HttpAgent;

  beforeAll(async () => {
    api = await startTestApi();
    machine = new HttpAgent(api.baseUrl);
  });

  afterAll(async () => {
    await api?.close();
  });

  const run = <T>(tenantId: string, sql: string, params: unknown[] = []): Promise<T[]> =>
    api.app.get(TransactionRunner).run((t) => t.query<T[]>(sql, params), { tenantId });

  /** A tenant with an integration key, the rule set above published, and the default model as champion and shadow. */
  async function monitoredTenant(): Promise<{ key: string; tenantId: string }> {
    const admin = await api.session(['admin']);
    const created = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const tenantId = (await api.app.get(TenantRepository).findBySlug(admin.tenantSlug))!.id;
    await run(
      tenantId,
      `INSERT INTO monitoring_rule_sets (tenant_id, name, version, status, document, content_hash, published_at)
         VALUES ($1, 'batch', 1, 'published', $2, repeat('0', 64), now())`,
      [tenantId, JSON.stringify(RULE_SET)],
    );
    const model = await readDefaultModel();
    for (const [name, status] of [
      ['champion-model', 'champion'],
      ['shadow-model', 'shadow'],
    ] as const) {
      await run(
        tenantId,
        `INSERT INTO monitoring_models (tenant_id, name, version, status, bytes, size_bytes, sha256, inspection)
           VALUES ($1, $2, 1, $3, $4, $5, $6, $7)`,
        [
          tenantId,
          name,
          status,
          Buffer.from(model.bytes),
          model.bytes.byteLength,
          createHash('sha256').update(model.bytes).digest('hex'),
          JSON.stringify(inspectModel(model.bytes)),
        ],
      );
    }
    return { key, tenantId };
  }

  const send = (key: string, body: unknown, path = '/v1/transactions'): Promise<Response> =>
    machine.request('POST', path, {
      body,
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
    });

  /** The stored decisions by external id, with the customer record named by its reference. */
  const storedRows = (tenantId: string) =>
    run<Record<string, unknown>>(
      tenantId,
      `SELECT t.external_id, t.customer_id, t.account_id, c.external_ref AS customer_record, t.amount_base::text,
              t.features, t.decision, t.score, t.model_score, t.reasons, t.fired_rules, t.contributions,
              (SELECT jsonb_agg(s - 'modelVersionId') FROM jsonb_array_elements(t.shadow_scores) s) AS shadow_scores,
              t.rule_set_version, t.model_version,
              (SELECT a.decision || ':' || a.score::text FROM monitoring_alerts a WHERE a.transaction_id = t.id) AS alert
         FROM monitoring_transactions t JOIN customers c ON c.id::text = t.customer_record_id
        ORDER BY t.external_id`,
    );
  const countsOf = (tenantId: string) =>
    run<Record<string, number>>(
      tenantId,
      `SELECT (SELECT count(*)::int FROM monitoring_transactions) AS transactions,
              (SELECT count(*)::int FROM monitoring_alerts) AS alerts,
              (SELECT count(*)::int FROM webhook_messages WHERE type LIKE 'transaction.%') AS webhooks,
              (SELECT count(*)::int FROM customers) AS customers,
              (SELECT count(*)::int FROM customer_accounts) AS accounts,
              (SELECT count(*)::int FROM monitoring_idempotency_keys) AS keys,
              (SELECT count(*)::int FROM audit_entries WHERE action = 'monitoring.transaction.decided') AS decided,
              (SELECT count(*)::int FROM audit_entries WHERE action = 'customers.customer.created') AS customers_audited,
              (SELECT count(*)::int FROM audit_entries WHERE action = 'customers.account.created') AS accounts_audited`,
    ).then((rows) => rows[0]);

  it('stores and answers the same features, scores, decisions, reasons, rules and contributions', async () => {
    const batchTenant = await monitoredTenant();
    const singleTenant = await monitoredTenant();
    const base = Date.parse('2026-11-20T09:00:00Z');
    // A known customer with history in both tenants, before the batch.
    const known = {
      id: 't-known-before',
      customerId: 'c-known',
      accountId: 'a-known',
      direction: 'out',
      channel: 'sepa',
      amount: { value: 20_000, currency: 'USD' },
      bookedAt: new Date(base - 3_600_000).toISOString(),
      counterparty: { name: 'Counterparty 0', iban: IBANS[0], country: 'DE' },
    };
    for (const t of [batchTenant, singleTenant]) expect((await send(t.key, known)).status).toBe(201);

    const items = mixedBatch(base);
    const batch = await send(batchTenant.key, { transactions: items }, '/v1/transactions/batch');
    expect(batch.status).toBe(201);
    const { results } = (await batch.json()) as { results: Decision[] };
    const singles: Decision[] = [];
    for (const item of items) {
      const res = await send(singleTenant.key, item);
      expect(res.status).toBe(201);
      singles.push((await res.json()) as Decision);
    }

    // The answer's order is the request's order, and each answer is the one-by-one answer.
    expect(results.map((r) => r.externalId)).toEqual(items.map((i) => i.id));
    const withoutId = ({ transactionId, ...rest }: Decision) => (
      expect(transactionId).toMatch(/^[0-9a-f-]{36}$/),
      rest
    );
    expect(results.map(withoutId)).toEqual(singles.map(withoutId));
    expect(await storedRows(batchTenant.tenantId)).toEqual(await storedRows(singleTenant.tenantId));

    // The batch really covers the cases it is meant to.
    const decisions = new Set(results.map((r) => r.decision));
    expect(decisions).toEqual(new Set(['allow', 'review', 'block']));
    const stored = await storedRows(batchTenant.tenantId);
    const features = stored.map((r) => r.features as Record<string, number>);
    expect(Math.max(...features.map((f) => f.customerCount1h))).toBeGreaterThanOrEqual(10);
    expect(features.some((f) => f.firstCounterparty === 1)).toBe(true);
    expect(features.some((f) => f.firstCounterparty === 0)).toBe(true);

    // One decided entry per transaction, one alert and one webhook message per review/block, the same creations.
    const reviewed = results.filter((r) => r.decision !== 'allow').length;
    const counts = await countsOf(batchTenant.tenantId);
    expect(counts).toMatchObject({ transactions: items.length + 1, alerts: reviewed, webhooks: reviewed });
    expect(counts).toEqual({ ...(await countsOf(singleTenant.tenantId)), keys: 2 });
  });

  it('rolls the whole batch back when an item was already decided, naming the first such item', async () => {
    const { key, tenantId } = await monitoredTenant();
    const base = Date.parse('2026-11-20T09:00:00Z');
    const items = mixedBatch(base);
    // Two items already decided: the second item of the many-item customer (wave 1) and, later in the request, an
    // item of a customer of its own (wave 0, whose insert meets the conflict first). The answer names the first in the
    // request, whichever wave found it.
    const manyItems = items.flatMap((it, i) => (it.customerId === 'c-many' ? [i] : []));
    const later = items.findIndex((it, i) => i > manyItems[1] && String(it.customerId).startsWith('c-solo-'));
    expect(later).toBeGreaterThan(manyItems[1]);
    expect((await send(key, items[manyItems[1]])).status).toBe(201);
    expect((await send(key, items[later])).status).toBe(201);
    const before = await countsOf(tenantId);

    const res = await send(key, { transactions: items }, '/v1/transactions/batch');
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe('monitoring/transaction_exists');
    expect(problem.errors[0]?.field).toBe(`transactions.${manyItems[1]}.id`);
    expect(await countsOf(tenantId)).toEqual(before);
  });
});

describe('transactions: a batch under the unknown-party policy reject', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ MONITORING_UNKNOWN_PARTY_POLICY: 'reject' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 422 naming the first unknown item, and writes nothing', async () => {
    const admin = await api.session(['admin']);
    const created = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    const { key } = (await created.json()) as { key: string };
    const tenantId = (await api.app.get(TenantRepository).findBySlug(admin.tenantSlug))!.id;
    const items = mixedBatch(Date.parse('2026-11-20T09:00:00Z'));
    const res = await new HttpAgent(api.baseUrl).request('POST', '/v1/transactions/batch', {
      body: { transactions: items },
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe('monitoring/unknown_customer');
    expect(problem.errors).toEqual([
      { field: 'transactions.0.customerId', message: 'is not a known customer/account' },
    ]);
    const [counts] = await api.app.get(TransactionRunner).run(
      (t) =>
        t.query<{ n: number }[]>(
          `SELECT (SELECT count(*)::int FROM monitoring_transactions) + (SELECT count(*)::int FROM customers)
                + (SELECT count(*)::int FROM monitoring_idempotency_keys) AS n`,
        ),
      { tenantId },
    );
    expect(counts.n).toBe(0);
  });
});
