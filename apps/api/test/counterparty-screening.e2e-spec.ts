import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { ListImportJobService } from '@domains/screening';
import { CounterpartyScreeningService } from '@domains/monitoring';
import { startTestApi, type TestApi } from '@apps/api/testing';

/** One real OFAC SDN entry (legacy CSV, no header). */
const SDN = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ';

interface HitView {
  subjectKind: string;
  subjectId: string;
  entryExternalId: string;
  status: string;
}

describe('counterparties of transactions become screening subjects', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('screens recent counterparties once a day, so their hits reach the hit queue and later list changes re-screen them', async () => {
    const admin = await api.session(['admin']);
    const tenantId = (await api.app.get(TenantRepository).findBySlug(admin.tenantSlug))!.id;
    const imported = await admin.agent.post('/v1/screening/lists/ofac_sdn/imports', { files: { sdn: SDN } });
    expect(imported.status).toBe(202);
    await api.app.get(ListImportJobService).run(tenantId, ((await imported.json()) as { id: string }).id);

    const created = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    const { key } = (await created.json()) as { key: string };
    const machine = new HttpAgent(api.baseUrl);
    const pay = (name: string): Promise<Response> =>
      machine.request('POST', '/v1/transactions', {
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
        body: {
          id: `t-${randomUUID()}`,
          customerId: 'c-1',
          accountId: 'a-1',
          direction: 'out',
          channel: 'wire',
          amount: { value: 12_500, currency: 'EUR' },
          bookedAt: new Date().toISOString(),
          counterparty: { name, country: 'CU' },
        },
      });
    expect((await pay('Aerocaribbean Airlines')).status).toBe(201);
    expect((await pay('Jane Doe Bakery')).status).toBe(201);

    const service = api.app.get(CounterpartyScreeningService);
    expect(await service.screenRecentOfTenant(tenantId)).toBe(2);
    // Screened within the day: the next run skips both.
    expect(await service.screenRecentOfTenant(tenantId)).toBe(0);
    // The job's whole run covers every tenant (the demo's too) without failing.
    expect(await service.screenRecent()).toBeGreaterThanOrEqual(0);

    const { hits: items } = (await (await admin.agent.get('/v1/screening/hits?subjectKind=counterparty')).json()) as {
      hits: HitView[];
    };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ subjectKind: 'counterparty', entryExternalId: '36', status: 'open' });
  });
});
