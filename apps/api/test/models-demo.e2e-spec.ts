import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { PublishedConfigReader, seedMonitoringDemo } from '@domains/monitoring';
import { startTestApi, type TestApi } from '@apps/api/testing';

/** The sample transaction, exactly as a provider would send it. */
const sample = {
  id: 't-1001',
  customerId: 'c-42',
  accountId: 'a-42',
  direction: 'out',
  channel: 'wire',
  amount: { value: 980000, currency: 'USD' },
  bookedAt: '2026-11-21T10:00:00Z',
  counterparty: { name: 'Acme Trading LLC', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', country: 'DE' },
};

describe('monitoring demo seed (default rules published, default model champion)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('makes a tenant answer the sample transaction with the published rules and the champion model', async () => {
    const admin = await api.session(['admin']);
    const tenant = await api.app.get(TenantRepository).findBySlug(admin.tenantSlug);
    const tenantId = tenant!.id;

    const outcome = await seedMonitoringDemo(api.app, tenantId, { syntheticBudgetMs: 0 });
    expect(outcome.ruleSetVersion).toBe(1);
    expect(outcome.championModelId).not.toBeNull();
    const reader = api.app.get(PublishedConfigReader);
    expect((await reader.publishedRuleSet(tenantId))?.document.rules.length).toBeGreaterThan(0);
    expect((await reader.activeModels(tenantId)).map((m) => [m.id, m.status])).toEqual([
      [outcome.championModelId, 'champion'],
    ]);

    // Seeding again changes nothing.
    expect(await seedMonitoringDemo(api.app, tenantId, { syntheticBudgetMs: 0 })).toEqual(outcome);

    const created = await admin.agent.post('/v1/api-keys', { name: 'provider', role: 'integration' });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const provider = new HttpAgent(api.baseUrl);
    const res = await provider.post('/v1/transactions', sample, {
      authorization: `Bearer ${key}`,
      'idempotency-key': 'demo-sample-1',
    });
    expect(res.status).toBe(201);
    const decided = (await res.json()) as Record<string, unknown>;
    expect(decided).toMatchObject({ transactionId: expect.any(String), score: expect.any(Number) });
    expect(['allow', 'review', 'block']).toContain(decided.decision);
    expect(decided).toMatchObject({ ruleSetVersion: 1, modelVersion: 'default-model@1' });
  });

  it('feeds a synthetic history through the real decision path, so the explorer and backtests have data', async () => {
    const officer = await api.session(['compliance_officer']);
    const tenantId = (await api.app.get(TenantRepository).findBySlug(officer.tenantSlug))!.id;
    const started = Date.now();
    const outcome = await seedMonitoringDemo(api.app, tenantId, { syntheticMax: 100 });
    // Not an assertion on speed: printed to size the boot-time budget.
    console.info(`seeded ${outcome.syntheticTransactions} synthetic transactions in ${Date.now() - started} ms`);
    expect(outcome.syntheticTransactions).toBe(100);
    const listed = await officer.agent.get('/v1/transactions?limit=5');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain('demo-');
  });
});
