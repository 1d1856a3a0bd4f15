import type { INestApplicationContext } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '@platform/testing';
import {
  AuditAnchoringService,
  AuditIntegrationLoop,
  AuditLogRepository,
  AuditTreeRepository,
  generateNoteKeyPair,
  parseCheckpoint,
  parseSignedNote,
} from '@domains/audit';
import { createWorkerApp } from '@apps/worker';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface ReceiptDto {
  size: number;
  kind: string;
  receipt: { kind: string; createdAt: string; path?: string; sha256?: string };
  createdAt: string;
}

describe('checkpoint history and anchor receipts over HTTP (composed api and worker, real PostgreSQL)', () => {
  const signing = generateNoteKeyPair('verity.local');
  let directory: string;
  let api: TestApi;
  let worker: INestApplicationContext;
  let auditor: TestSession;
  let tenantId: string;

  /** Integrates and signs everything of the tenant, then runs the anchoring job once. */
  const settleAndAnchor = async (): Promise<void> => {
    const log = await worker.get(AuditLogRepository).findByTenant(tenantId);
    if (!log) throw new Error('the tenant has no audit log');
    for (;;) {
      await worker.get(AuditIntegrationLoop).runPass();
      const backlog = await worker.get(AuditTreeRepository).backlog();
      if (!backlog.waitingLogs.some((w) => w.logId === log.id)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await worker.get(AuditAnchoringService).anchorPending();
  };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'verity-e2e-anchors-'));
    api = await startTestApi();
    worker = await createWorkerApp(
      testConfig({ AUDIT_SIGNING_KEYS: signing.signerKey, AUDIT_ANCHORS: `dir:${directory}` }),
    );
    auditor = await api.session(['auditor']);
    tenantId = ((await (await auditor.agent.get('/v1/auth/session')).json()) as { tenant: { id: string } }).tenant.id;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('lists the checkpoints, newest first, and the anchor receipt of the latest one', async () => {
    await settleAndAnchor();
    const latest = parseCheckpoint(
      parseSignedNote(await (await auditor.agent.get('/v1/audit/checkpoint')).text()).text,
    );

    const history = await auditor.agent.get('/v1/audit/checkpoints?limit=5');
    expect(history.status).toBe(200);
    const { checkpoints } = (await history.json()) as {
      checkpoints: { size: number; root: string; createdAt: string }[];
    };
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(checkpoints[0]).toEqual({
      size: latest.size,
      root: Buffer.from(latest.rootHash).toString('base64'),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
    const sizes = checkpoints.map((c) => c.size);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);

    const anchors = await auditor.agent.get(`/v1/audit/anchors?size=${latest.size}`);
    expect(anchors.status).toBe(200);
    const { receipts } = (await anchors.json()) as { receipts: ReceiptDto[] };
    expect(receipts).toEqual([
      expect.objectContaining({
        size: latest.size,
        kind: 'write-once-directory',
        receipt: expect.objectContaining({
          kind: 'write-once-directory',
          sha256: expect.any(String) as string,
        }) as object,
      }),
    ]);

    // Anchoring again stores nothing new for the same checkpoint.
    await worker.get(AuditAnchoringService).anchorPending();
    const again = (await (await auditor.agent.get('/v1/audit/anchors')).json()) as { receipts: ReceiptDto[] };
    expect(again.receipts.filter((r) => r.size === latest.size)).toHaveLength(1);
  });

  it('validates the query and requires audit:read', async () => {
    expect((await auditor.agent.get('/v1/audit/checkpoints?limit=0')).status).toBe(400);
    expect((await auditor.agent.get('/v1/audit/anchors?limit=5000')).status).toBe(400);
    const analyst = await api.session(['analyst']);
    expect((await analyst.agent.get('/v1/audit/anchors')).status).toBe(403);
    expect((await analyst.agent.get('/v1/audit/checkpoints')).status).toBe(403);
  });
});
