import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import {
  AuditIntegrationLoop,
  AuditLedger,
  AuditLogRepository,
  AuditTreeRepository,
  generateNoteKeyPair,
  type AuditEvent,
} from '@domains/audit';
import { createWorkerApp } from '@apps/worker';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface Entry {
  index: number;
  leaf: string;
  leafMatchesTree: boolean;
  recordedAt: string;
  action: string;
  actor: { type: string; id: string };
  subject: { type: string; id: string };
  payloadStatus: string;
  payload: Record<string, unknown> | null;
}

interface SearchPage {
  entries: Entry[];
  nextCursor: number | null;
}

describe('audit search over HTTP (composed api and worker, real PostgreSQL)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let auditor: TestSession;
  let stranger: TestSession;
  const tenantIds = new Map<TestSession, string>();
  /** The same customer id in both tenants, so only the tenant tells their entries apart. */
  const customerId = randomUUID();
  const officerId = randomUUID();

  const tenantOf = async (session: TestSession): Promise<string> => {
    const res = await session.agent.get('/v1/auth/session');
    return ((await res.json()) as { tenant: { id: string } }).tenant.id;
  };

  const record = async (tenantId: string, event: Omit<AuditEvent, 'tenantId'>): Promise<void> => {
    await api.app
      .get(TransactionRunner)
      .run((tx) => api.app.get(AuditLedger).record(tx, { ...event, tenantId }), { tenantId });
  };

  /** Waits (bounded by the test timeout) until the worker has integrated every entry of both tenants. */
  const settle = async (): Promise<void> => {
    const logIds = await Promise.all(
      [...tenantIds.values()].map(async (id) => (await worker.get(AuditLogRepository).findByTenant(id))?.id),
    );
    for (;;) {
      await worker.get(AuditIntegrationLoop).runPass();
      const backlog = await worker.get(AuditTreeRepository).backlog();
      if (!backlog.waitingLogs.some((w) => logIds.includes(w.logId))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const search = async (session: TestSession, query: string): Promise<SearchPage> => {
    const res = await session.agent.get(`/v1/audit/search?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as SearchPage;
  };

  const expectValidationProblem = async (query: string, field: string): Promise<void> => {
    const res = await auditor.agent.get(`/v1/audit/search?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(body.code).toBe('platform/validation_failed');
    expect(body.errors.map((e) => e.field)).toContain(field);
  };

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp(testConfig({ AUDIT_SIGNING_KEYS: generateNoteKeyPair('verity.local').signerKey }));
    auditor = await api.session(['auditor']);
    stranger = await api.session(['auditor']);
    for (const session of [auditor, stranger]) tenantIds.set(session, await tenantOf(session));

    const customer = { type: 'customer', id: customerId };
    const officer = { type: 'user' as const, id: officerId };
    for (const [session, tag] of [
      [auditor, 'mine'],
      [stranger, 'theirs'],
    ] as const) {
      const tenantId = tenantIds.get(session) ?? '';
      await record(tenantId, {
        actor: officer,
        action: 'customers.customer.onboarded',
        subject: customer,
        payload: { tag },
      });
      await record(tenantId, {
        actor: officer,
        action: 'customers.customer.reviewed',
        subject: customer,
        payload: { tag },
      });
      await record(tenantId, {
        actor: { type: 'system', id: 'screening' },
        action: 'screening.customer.screened',
        subject: customer,
        payload: { tag, hits: 0 },
      });
    }
    await settle();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('finds a subject’s entries, newest first, in the shape of /v1/audit/entries', async () => {
    const page = await search(auditor, `subjectType=customer&subjectId=${customerId}`);
    expect(page.entries.map((e) => e.action)).toEqual([
      'screening.customer.screened',
      'customers.customer.reviewed',
      'customers.customer.onboarded',
    ]);
    expect(page.nextCursor).toBeNull();
    const indexes = page.entries.map((e) => e.index);
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    for (const entry of page.entries) {
      expect(entry).toMatchObject({ leafMatchesTree: true, payloadStatus: 'present', payload: { tag: 'mine' } });
      expect(entry.subject).toEqual({ type: 'customer', id: customerId });
      const [same] = (
        (await (await auditor.agent.get(`/v1/audit/entries?start=${entry.index}&end=${entry.index + 1}`)).json()) as {
          entries: Entry[];
        }
      ).entries;
      expect(entry).toEqual(same);
    }
  });

  it('narrows by actor, action and time, and combines filters', async () => {
    const byActor = await search(auditor, `actorType=user&actorId=${officerId}`);
    expect(byActor.entries.map((e) => e.action)).toEqual([
      'customers.customer.reviewed',
      'customers.customer.onboarded',
    ]);

    const bySystem = await search(auditor, `actorType=system&subjectId=${customerId}`);
    expect(bySystem.entries.map((e) => e.action)).toEqual(['screening.customer.screened']);

    const byAction = await search(auditor, 'action=customers.customer.reviewed');
    expect(byAction.entries).toHaveLength(1);
    expect(byAction.entries[0].actor).toEqual({ type: 'user', id: officerId });

    const [newest] = (await search(auditor, `subjectId=${customerId}`)).entries;
    const recordedAt = newest.recordedAt;
    const atOrAfter = await search(auditor, `subjectId=${customerId}&from=${encodeURIComponent(recordedAt)}`);
    expect(atOrAfter.entries.map((e) => e.recordedAt).every((t) => t >= recordedAt)).toBe(true);
    expect(atOrAfter.entries[0].index).toBe(newest.index);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await search(auditor, `subjectId=${customerId}&from=${future}`)).entries).toEqual([]);
    const past = '2000-01-01T00:00:00Z';
    expect((await search(auditor, `subjectId=${customerId}&to=${past}`)).entries).toEqual([]);
  });

  it('pages by leaf index with a cursor, without repeating or skipping an entry', async () => {
    const all = (await search(auditor, 'limit=200')).entries.map((e) => e.index);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: SearchPage = await search(auditor, `limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.index));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all);
  });

  it('never shows another tenant’s entries', async () => {
    const mine = await search(auditor, `subjectId=${customerId}&limit=200`);
    const theirs = await search(stranger, `subjectId=${customerId}&limit=200`);
    expect(mine.entries.map((e) => e.payload?.tag)).toEqual(['mine', 'mine', 'mine']);
    expect(theirs.entries.map((e) => e.payload?.tag)).toEqual(['theirs', 'theirs', 'theirs']);
    const everything = await search(auditor, 'limit=200');
    expect(everything.entries.some((e) => e.payload?.tag === 'theirs')).toBe(false);
  });

  it('needs audit:read', async () => {
    const analyst = await api.session(['analyst']);
    const res = await analyst.agent.get('/v1/audit/search');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'identity/forbidden' });
  });

  it('answers malformed filters with problem+json 400', async () => {
    await expectValidationProblem('limit=201', 'limit');
    await expectValidationProblem('limit=0', 'limit');
    await expectValidationProblem('cursor=-1', 'cursor');
    await expectValidationProblem('actorType=robot', 'actorType');
    await expectValidationProblem('from=yesterday', 'from');
    await expectValidationProblem(`subjectId=${'x'.repeat(201)}`, 'subjectId');
    await expectValidationProblem('tenantId=someone-else', 'tenantId');
  });
});
