import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { INestApplicationContext } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { testConfig } from '@platform/testing';
import { createWorkerApp } from '@apps/worker';
import { startTestApi, type TestApi } from '@apps/api/testing';

interface CustomerBody {
  id: string;
  risk: { rating: string; matrixVersion: number | null };
}

describe('customers jobs in the worker (api + worker over the outbox)', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp(testConfig());
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('re-rates existing customers after a new matrix is approved', async () => {
    const a = await api.session(['compliance_officer']);
    const b = await api.sessionInTenant(a.tenantSlug, ['compliance_officer']);
    const created = await a.agent.post('/v1/customers', { type: 'individual', fullName: 'Worker Pep', isPep: true });
    const pep = (await created.json()) as CustomerBody;
    expect(pep.risk).toMatchObject({ rating: 'medium', matrixVersion: 1 });

    const { active } = (await (await a.agent.get('/v1/risk-matrix')).json()) as {
      active: { definition: Record<string, unknown> };
    };
    await a.agent.request('PUT', '/v1/risk-matrix/draft', {
      body: { definition: { ...active.definition, pep: { points: 70 } } },
    });
    const { approval } = (await (await a.agent.post('/v1/risk-matrix/draft/submit')).json()) as {
      approval: { id: string; contentHash: string };
    };
    const approved = await b.agent.post(`/v1/approvals/${approval.id}/approve`, { contentHash: approval.contentHash });
    expect(approved.status).toBe(200);

    // Bounded by the test timeout: the worker relays the outbox job and re-rates the tenant.
    let current = pep;
    while (current.risk.matrixVersion !== 2) {
      await sleep(200);
      current = (await (await a.agent.get(`/v1/customers/${pep.id}`)).json()) as CustomerBody;
    }
    expect(current.risk.rating).toBe('high');
  });
});
