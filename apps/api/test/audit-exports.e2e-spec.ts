import type { INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantContext, TransactionRunner } from '@platform/database';
import { HttpAgent, testConfig } from '@platform/testing';
import {
  AuditExportJobService,
  AuditExportRepository,
  AuditIntegrationLoop,
  AuditLogRepository,
  AuditTreeRepository,
  EvidencePackVerifier,
  generateNoteKeyPair,
} from '@domains/audit';
import { createWorkerApp } from '@apps/worker';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface ExportView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  selection: { subject?: { type: string; id: string }; from?: number; to?: number };
  requestedBy: { type: string; id: string };
  progress: { done: number; total: number | null };
  error: string | null;
  sha256: string | null;
  size: number | null;
  recordedEntryId: string | null;
}

interface EntryView {
  action: string;
  actor: { type: string; id: string };
  subject: { type: string; id: string };
  payload: Record<string, unknown> | null;
}

/** The api refuses selections above this (AUDIT_EXPORT_MAX_ENTRIES), so the 422 needs only a few entries. */
const MAX_ENTRIES = 5;

describe('evidence-pack exports over HTTP (composed api and worker, real PostgreSQL)', () => {
  const signing = generateNoteKeyPair('verity.local');
  const scratch: string[] = [];
  let api: TestApi;
  let worker: INestApplicationContext;
  let auditor: TestSession;

  const tenantOf = async (session: TestSession): Promise<{ tenantId: string; userId: string }> => {
    const body = (await (await session.agent.get('/v1/auth/session')).json()) as {
      tenant: { id: string };
      user: { id: string };
    };
    return { tenantId: body.tenant.id, userId: body.user.id };
  };

  /** Waits (bounded by the test timeout) until the worker has integrated and signed everything of the tenant. */
  const settle = async (tenantId: string): Promise<void> => {
    const log = await worker.get(AuditLogRepository).findByTenant(tenantId);
    if (!log) throw new Error('the tenant has no audit log');
    for (;;) {
      await worker.get(AuditIntegrationLoop).runPass();
      const backlog = await worker.get(AuditTreeRepository).backlog();
      if (!backlog.waitingLogs.some((w) => w.logId === log.id)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /** Polls the export as the UI does until the worker has finished it (bounded by the test timeout). */
  const finished = async (session: TestSession, id: string): Promise<ExportView> => {
    for (;;) {
      const res = await session.agent.get(`/v1/audit/exports/${id}`);
      expect(res.status).toBe(200);
      const view = (await res.json()) as ExportView;
      if (view.status === 'succeeded' || view.status === 'failed') return view;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const entries = async (session: TestSession): Promise<EntryView[]> =>
    ((await (await session.agent.get('/v1/audit/entries?start=0&end=1000')).json()) as { entries: EntryView[] })
      .entries;

  const expectProblem = async (res: Response, status: number, code?: string): Promise<void> => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (code !== undefined) expect(await res.json()).toMatchObject({ status, code });
  };

  beforeAll(async () => {
    api = await startTestApi({ AUDIT_EXPORT_MAX_ENTRIES: String(MAX_ENTRIES) });
    worker = await createWorkerApp(testConfig({ AUDIT_SIGNING_KEYS: signing.signerKey }));
    auditor = await api.session(['auditor']);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    for (const folder of scratch) await rm(folder, { recursive: true, force: true });
  });

  it('builds a requested pack in the worker; the downloaded .tar.gz extracts to a pack that verifies offline', async () => {
    const { tenantId, userId } = await tenantOf(auditor);
    await settle(tenantId);

    const created = await auditor.agent.post('/v1/audit/exports', { subject: { type: 'user', id: userId } });
    expect(created.status).toBe(202);
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('queued');

    const done = await finished(auditor, id);
    expect(done).toMatchObject({
      id,
      status: 'succeeded',
      selection: { subject: { type: 'user', id: userId } },
      requestedBy: { type: 'user', id: userId },
      error: null,
    });
    expect(done.progress.total).toBeGreaterThan(0);
    expect(done.progress.done).toBe(done.progress.total);
    const listed = (await (await auditor.agent.get('/v1/audit/exports')).json()) as { exports: ExportView[] };
    expect(listed.exports.map((e) => e.id)).toContain(id);

    const download = await auditor.agent.get(`/v1/audit/exports/${id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/gzip');
    const name = `evidence-verity.local-${auditor.tenantSlug}-${id}`;
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${name}.tar.gz"`);
    const archive = Buffer.from(await download.arrayBuffer());
    expect(archive.length).toBe(done.size);
    expect(createHash('sha256').update(archive).digest('hex')).toBe(done.sha256);

    const folder = await mkdtemp(join(tmpdir(), 'verity-export-e2e-'));
    scratch.push(folder);
    await writeFile(join(folder, 'pack.tar.gz'), archive);
    const out = join(folder, 'out');
    execFileSync('mkdir', [out]);
    execFileSync('tar', ['-xzf', join(folder, 'pack.tar.gz'), '-C', out]);
    expect(await readdir(out)).toEqual([name]);
    const report = await new EvidencePackVerifier().verifyDirectory(join(out, name), {
      trustedKeys: `# log\n${signing.verifierKey}\n# witness\n`,
    });
    expect(report.failure).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.entries).toHaveLength(done.progress.total ?? -1);

    // The request and the finished pack are both in the tenant's log, once each, by the person who asked.
    await settle(tenantId);
    const recorded = (await entries(auditor)).filter((e) => e.action.startsWith('audit.export.'));
    expect(recorded.map((e) => e.action)).toEqual(['audit.export.requested', 'audit.export.created']);
    for (const entry of recorded) {
      expect(entry.actor).toEqual({ type: 'user', id: userId });
      expect(entry.subject).toEqual({ type: 'user', id: userId });
      expect(entry.payload).toMatchObject({ exportId: id });
    }

    // A redelivered job finds the export finished: no second pack, no second entry.
    expect(await worker.get(AuditExportJobService).run(tenantId, id, false)).toBe('skipped');
    await settle(tenantId);
    expect((await entries(auditor)).filter((e) => e.action === 'audit.export.created')).toHaveLength(1);
    const again = (await (await auditor.agent.get(`/v1/audit/exports/${id}`)).json()) as ExportView;
    expect(again.sha256).toBe(done.sha256);
  });

  it('exports an index range too, and refuses a download until the pack is done with 409', async () => {
    const session = await api.session(['compliance_officer']);
    const { tenantId, userId } = await tenantOf(session);
    await settle(tenantId);
    const created = await session.agent.post('/v1/audit/exports', { from: 0, to: 1 });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const done = await finished(session, id);
    expect(done).toMatchObject({ status: 'succeeded', selection: { from: 0, to: 1 }, progress: { done: 1, total: 1 } });
    expect((await session.agent.get(`/v1/audit/exports/${id}/download`)).status).toBe(200);

    // An export no worker has picked up yet (written without its job, so it stays queued), then one that failed.
    const exports = api.app.get(AuditExportRepository);
    const waiting = await api.app.get(TransactionRunner).run(
      (tx) =>
        exports.insert(tx, {
          tenantId,
          requestedBy: { type: 'user', id: userId },
          selection: { kind: 'index-range', start: 0, end: 1 },
        }),
      { tenantId },
    );
    const view = (await (await session.agent.get(`/v1/audit/exports/${waiting.id}`)).json()) as ExportView;
    expect(view).toMatchObject({ status: 'queued', progress: { done: 0, total: null }, sha256: null, size: null });
    await expectProblem(
      await session.agent.get(`/v1/audit/exports/${waiting.id}/download`),
      409,
      'audit/export_not_ready',
    );
    await TenantContext.run(tenantId, () => exports.markFailed(tenantId, waiting.id, 'audit/export_entry_tampered: …'));
    expect(((await (await session.agent.get(`/v1/audit/exports/${waiting.id}`)).json()) as ExportView).error).toBe(
      'audit/export_entry_tampered: …',
    );
    await expectProblem(
      await session.agent.get(`/v1/audit/exports/${waiting.id}/download`),
      409,
      'audit/export_not_ready',
    );
  });

  it('refuses bad selections with a problem and stores nothing', async () => {
    const session = await api.session(['auditor']);
    const { tenantId } = await tenantOf(session);
    // More entries than one pack may hold: failed sign-ins with unknown emails (the tenant is their subject).
    const anonymous = new HttpAgent(api.baseUrl);
    for (let n = 0; n < MAX_ENTRIES + 1; n += 1) {
      await anonymous.post('/v1/auth/sign-in', {
        tenant: session.tenantSlug,
        email: `nobody-${n}@${session.tenantSlug}.test`,
        password: 'wrong-wrong-wrong',
      });
    }
    await settle(tenantId);
    const before = (await entries(session)).length;
    expect(before).toBeGreaterThan(MAX_ENTRIES);

    const post = (body: unknown) => session.agent.post('/v1/audit/exports', body);
    await expectProblem(await post({}), 400, 'audit/export_selection_invalid');
    await expectProblem(await post({ subject: { type: 'user', id: 'u' }, from: 0, to: 1 }), 400);
    await expectProblem(await post({ from: 0 }), 400, 'audit/export_selection_invalid');
    await expectProblem(await post({ from: 3, to: 2 }), 400, 'audit/export_range_invalid');
    await expectProblem(await post({ from: 0, to: before + 100 }), 400, 'audit/export_range_invalid');
    await expectProblem(await post({ from: 'zero', to: 1 }), 400);
    await expectProblem(await post({ subject: { type: 'User Type', id: 'x' } }), 400);
    await expectProblem(await post({ subject: { type: 'user', id: 'x' }, extra: true }), 400);
    await expectProblem(await post({ from: 0, to: MAX_ENTRIES + 1 }), 422, 'audit/export_too_large');
    await expectProblem(await post({ subject: { type: 'tenant', id: tenantId } }), 422, 'audit/export_too_large');
    await expectProblem(
      await post({ subject: { type: 'customer', id: 'nobody' } }),
      422,
      'audit/export_nothing_selected',
    );

    expect(((await (await session.agent.get('/v1/audit/exports')).json()) as { exports: unknown[] }).exports).toEqual(
      [],
    );
    await settle(tenantId);
    expect((await entries(session)).filter((e) => e.action.startsWith('audit.export.'))).toEqual([]);
  });

  it('needs audit:export to request and audit:read to look; another tenant’s export is not found', async () => {
    const { userId } = await tenantOf(auditor);
    const listed = (await (await auditor.agent.get('/v1/audit/exports')).json()) as { exports: ExportView[] };
    const theirs = listed.exports[0]?.id;
    expect(theirs).toBeDefined();

    const analyst = await api.session(['analyst']);
    await expectProblem(await analyst.agent.post('/v1/audit/exports', { subject: { type: 'user', id: userId } }), 403);
    await expectProblem(await analyst.agent.get('/v1/audit/exports'), 403);
    await expectProblem(await analyst.agent.get(`/v1/audit/exports/${theirs}/download`), 403);

    const stranger = await api.session(['auditor']);
    await expectProblem(await stranger.agent.get(`/v1/audit/exports/${theirs}`), 404, 'audit/export_not_found');
    await expectProblem(
      await stranger.agent.get(`/v1/audit/exports/${theirs}/download`),
      404,
      'audit/export_not_found',
    );
    await expectProblem(await stranger.agent.get('/v1/audit/exports/not-a-uuid'), 404, 'audit/export_not_found');
    const own = (await (await stranger.agent.get('/v1/audit/exports')).json()) as { exports: ExportView[] };
    expect(own.exports).toEqual([]);
  });
});
