import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent, testConfig } from '@platform/testing';
import {
  AuditIntegrationLoop,
  AuditLogRepository,
  AuditTreeRepository,
  Ed25519NoteVerifier,
  decodeAuditLeaf,
  decodeBase64,
  generateCosignatureKeyPair,
  generateNoteKeyPair,
  hashLeaf,
  openCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '@domains/audit';
import { createWorkerApp } from '@apps/worker';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface Entry {
  index: number;
  leaf: string;
  leafMatchesTree: boolean;
  action: string;
  actor: { type: string; id: string };
  subject: { type: string; id: string };
  payloadStatus: string;
  payload: Record<string, unknown> | null;
}

const bytes = (base64: string): Uint8Array => {
  const decoded = decodeBase64(base64);
  if (!decoded) throw new Error(`not base64: ${base64}`);
  return decoded;
};

describe('audit ledger over HTTP (composed api and worker, real PostgreSQL)', () => {
  const signing = generateNoteKeyPair('verity.local');
  let api: TestApi;
  let worker: INestApplicationContext;
  let auditor: TestSession;
  let tenantId: string;

  /** Waits (bounded by the test timeout) until the worker has integrated and signed everything of the tenant. */
  const settle = async (): Promise<void> => {
    const log = await worker.get(AuditLogRepository).findByTenant(tenantId);
    if (!log) throw new Error('the tenant has no audit log');
    for (;;) {
      await worker.get(AuditIntegrationLoop).runPass();
      const backlog = await worker.get(AuditTreeRepository).backlog();
      if (!backlog.waitingLogs.some((w) => w.logId === log.id)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const checkpoint = async (): Promise<Checkpoint> => {
    const keys = (await (await auditor.agent.get('/v1/audit/keys')).json()) as { origin: string; current: string[] };
    const res = await auditor.agent.get('/v1/audit/checkpoint');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const verifiers = keys.current.map((k) => Ed25519NoteVerifier.fromVerifierKey(k));
    return openCheckpoint(await res.text(), verifiers, { origin: keys.origin }).checkpoint;
  };

  const expectProblem = async (res: Response, status: number, code: string): Promise<void> => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status, code });
  };

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp(testConfig({ AUDIT_SIGNING_KEYS: signing.signerKey }));
    auditor = await api.session(['auditor']);
    tenantId = ((await (await auditor.agent.get('/v1/auth/session')).json()) as { tenant: { id: string } }).tenant.id;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('records sign-in, failed sign-ins and sign-out in the tenant’s log, with unknown emails only hashed', async () => {
    const { tenantSlug, email, password } = auditor;
    const anonymous = new HttpAgent(api.baseUrl);
    expect((await anonymous.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password: 'wrong' })).status).toBe(
      401,
    );
    const stranger = `nobody-${tenantSlug}@example.com`;
    expect((await anonymous.post('/v1/auth/sign-in', { tenant: tenantSlug, email: stranger, password })).status).toBe(
      401,
    );
    const second = new HttpAgent(api.baseUrl);
    const signedIn = await second.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password });
    second.csrfToken = ((await signedIn.json()) as { csrfToken: string }).csrfToken;
    expect((await second.post('/v1/auth/sign-out')).status).toBe(204);
    await settle();

    const res = await auditor.agent.get('/v1/audit/entries?start=0&end=50');
    const text = await res.text();
    expect(text).not.toContain(stranger);
    const page = JSON.parse(text) as { treeSize: number; entries: Entry[] };
    expect(page.entries.map((e) => e.action)).toEqual([
      'identity.sign_in.succeeded',
      'identity.sign_in.failed',
      'identity.sign_in.failed',
      'identity.sign_in.succeeded',
      'identity.sign_out.succeeded',
    ]);
    const [first, wrongPassword, unknownEmail, , signOut] = page.entries;
    expect(first).toMatchObject({ actor: { type: 'user' }, subject: { type: 'user' }, payloadStatus: 'present' });
    expect(wrongPassword.payload).toMatchObject({ reason: 'wrong_password', failedSignIns: 1, locked: false });
    expect(wrongPassword.subject).toEqual(first.subject);
    expect(unknownEmail).toMatchObject({
      subject: { type: 'tenant', id: tenantId },
      payload: { reason: 'unknown_email', emailSha256: createHash('sha256').update(stranger).digest('hex') },
    });
    expect(signOut).toMatchObject({ actor: first.actor, subject: first.subject });
    for (const entry of page.entries) {
      expect(entry.leafMatchesTree).toBe(true);
      expect(decodeAuditLeaf(bytes(entry.leaf))).toMatchObject({ action: entry.action, actor: entry.actor });
    }
  });

  it('serves a signed checkpoint, and proofs that verify against it with the published key', async () => {
    await settle();
    const keys = (await (await auditor.agent.get('/v1/audit/keys')).json()) as {
      origin: string;
      keys: string[];
      current: string[];
    };
    expect(keys.current).toEqual([signing.verifierKey]);
    expect(keys.keys).toContain(signing.verifierKey);
    const { origin, size, rootHash } = await checkpoint();
    expect(origin).toBe(`verity.local/${auditor.tenantSlug}`);

    const page = (await (await auditor.agent.get(`/v1/audit/entries?start=0&end=${size}`)).json()) as {
      entries: Entry[];
    };
    expect(page.entries).toHaveLength(size);
    for (const entry of page.entries) {
      const res = await auditor.agent.get(`/v1/audit/proofs/inclusion?index=${entry.index}&size=${size}`);
      const proof = ((await res.json()) as { hashes: string[] }).hashes.map(bytes);
      expect(verifyInclusion(hashLeaf(bytes(entry.leaf)), entry.index, size, proof, rootHash).treeSize).toBe(size);
    }

    // The log grows; the new checkpoint provably extends the old one.
    const more = new HttpAgent(api.baseUrl);
    await more.post('/v1/auth/sign-in', {
      tenant: auditor.tenantSlug,
      email: auditor.email,
      password: auditor.password,
    });
    await settle();
    const later = await checkpoint();
    expect(later.size).toBe(size + 1);
    const res = await auditor.agent.get(`/v1/audit/proofs/consistency?from=${size}&to=${later.size}`);
    const proof = ((await res.json()) as { hashes: string[] }).hashes.map(bytes);
    expect(verifyConsistency(size, later.size, proof, rootHash, later.rootHash).toSize).toBe(later.size);
  });

  it('answers impossible proof requests with problem+json and a stable audit code', async () => {
    await settle();
    const { size } = await checkpoint();
    const agent = auditor.agent;
    await expectProblem(
      await agent.get(`/v1/audit/proofs/inclusion?index=${size}&size=${size}`),
      400,
      'audit/proof_index_out_of_range',
    );
    await expectProblem(
      await agent.get(`/v1/audit/proofs/consistency?from=${size}&to=${size - 1}`),
      400,
      'audit/proof_sizes_reversed',
    );
    await expectProblem(
      await agent.get(`/v1/audit/proofs/inclusion?index=0&size=${size + 1000}`),
      422,
      'audit/tree_size_exceeded',
    );
    await expectProblem(
      await agent.get('/v1/audit/proofs/inclusion?index=-1&size=x'),
      400,
      'platform/validation_failed',
    );
  });

  it('is readable with audit:read only, and reports its health in readiness and metrics', async () => {
    const analyst = await api.session(['analyst']);
    await expectProblem(await analyst.agent.get('/v1/audit/checkpoint'), 403, 'identity/forbidden');
    const officer = await api.session(['compliance_officer']);
    expect((await officer.agent.get('/v1/audit/keys')).status).toBe(200);

    await settle();
    const anonymous = new HttpAgent(api.baseUrl);
    const ready = await anonymous.get('/health/ready');
    expect(await ready.json()).toMatchObject({ checks: { audit: { status: 'up' } } });
    const metrics = await (await anonymous.get('/metrics')).text();
    for (const name of [
      'verity_audit_entries_appended_total',
      'verity_audit_entries_pending',
      'verity_audit_integration_lag_seconds',
      'verity_audit_checkpoint_age_seconds',
    ]) {
      expect(metrics).toContain(`${name} `);
    }
  });
});

describe('GET /v1/audit/keys with witnesses configured', () => {
  let api: TestApi;
  const witnesses = [generateCosignatureKeyPair('witness-a.example'), generateCosignatureKeyPair('witness-b.example')];

  beforeAll(async () => {
    api = await startTestApi({
      AUDIT_WITNESSES: witnesses.map((w, i) => `http://127.0.0.1:9/w${i}|${w.verifierKey}`).join(','),
      AUDIT_WITNESS_QUORUM: '2',
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it("lists the witnesses' verifier keys and the quorum beside the log's keys", async () => {
    const auditor = await api.session(['auditor']);
    const res = await auditor.agent.get('/v1/audit/keys');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { witnesses: string[]; witnessQuorum: number; keys: string[] };
    expect(body.witnesses).toEqual(witnesses.map((w) => w.verifierKey));
    expect(body.witnessQuorum).toBe(2);
    expect(body.keys).not.toContain(witnesses[0]?.verifierKey);
  });
});
