import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { TenantRepository } from '@domains/identity';
import { MODEL_FEATURES, PublishedConfigReader, buildLinearModel } from '@domains/monitoring';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface ModelBody {
  id: string;
  name: string;
  version: number;
  status: string;
  sha256: string;
  sizeBytes: number;
  inspection: { kind: string; featureNames: string[] | null };
}

interface ProblemBody {
  code: string;
  errors?: { field: string; message: string }[];
}

const linear = (featureNames: readonly string[] = MODEL_FEATURES): Uint8Array =>
  buildLinearModel(
    { weights: featureNames.map(() => 0.01), intercept: -4, baseline: featureNames.map(() => 0) },
    { featureNames },
  );

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('model registry over HTTP (upload checks, shadow, promotion through four-eyes)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  const tenantIdOf = async (session: TestSession): Promise<string> => {
    const tenant = await api.app.get(TenantRepository).findBySlug(session.tenantSlug);
    if (!tenant) throw new Error('no tenant');
    return tenant.id;
  };

  const upload = async (session: TestSession, name: string, bytes: Uint8Array): Promise<Response> =>
    session.agent.post('/v1/models', { name, contentBase64: base64(bytes) });

  const uploaded = async (session: TestSession, name: string): Promise<ModelBody> => {
    const res = await upload(session, name, linear());
    expect(res.status).toBe(201);
    return (await res.json()) as ModelBody;
  };

  const approve = async (session: TestSession, approvalId: string): Promise<Response> => {
    const view = (await (await session.agent.get(`/v1/approvals/${approvalId}`)).json()) as { contentHash: string };
    return session.agent.post(`/v1/approvals/${approvalId}/approve`, { contentHash: view.contentHash });
  };

  it('refuses a model whose input does not match the feature schema (422 listing problems), storing nothing', async () => {
    const officer = await api.session(['compliance_officer']);
    const res = await upload(officer, 'too-narrow', linear(MODEL_FEATURES.slice(0, 3)));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as ProblemBody;
    expect(problem.code).toBe('monitoring/model_schema_mismatch');
    expect(problem.errors?.length).toBeGreaterThan(0);

    const garbage = await officer.agent.request('POST', '/v1/models?name=garbage', {
      rawBody: 'this is not an onnx file',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(garbage.status).toBe(422);
    expect(((await garbage.json()) as ProblemBody).code).toBe('monitoring/model_schema_mismatch');

    const tenantId = await tenantIdOf(officer);
    const rows = await api.app
      .get(TransactionRunner)
      .run((tx) => tx.query('SELECT id FROM monitoring_models'), { tenantId });
    expect(rows).toHaveLength(0);
  });

  it('stores a fitting model as uploaded, with its hash and inspection, versioned per name', async () => {
    const officer = await api.session(['compliance_officer']);
    const first = await uploaded(officer, 'aml-linear');
    const second = await uploaded(officer, 'aml-linear');
    expect(first).toMatchObject({ name: 'aml-linear', version: 1, status: 'uploaded' });
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.inspection).toMatchObject({ kind: 'linear', featureNames: [...MODEL_FEATURES] });
    expect(second.version).toBe(2);
    const list = (await (await officer.agent.get('/v1/models')).json()) as ModelBody[];
    expect(list.map((m) => m.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('runs a model in shadow directly, and promotes to champion only with a second person’s approval', async () => {
    const author = await api.session(['compliance_officer']);
    const checker = await api.sessionInTenant(author.tenantSlug, ['compliance_officer']);
    const tenantId = await tenantIdOf(author);
    const reader = api.app.get(PublishedConfigReader);
    const first = await uploaded(author, 'champion-a');
    const second = await uploaded(author, 'challenger-b');

    const before = await reader.stamp(tenantId);
    const shadow = await author.agent.post(`/v1/models/${second.id}/shadow`);
    expect(shadow.status).toBe(200);
    expect(((await shadow.json()) as ModelBody).status).toBe('shadow');
    expect(await reader.stamp(tenantId)).not.toBe(before);

    const requested = await author.agent.post(`/v1/models/${first.id}/promote`, {});
    expect(requested.status).toBe(202);
    const { approvalId } = (await requested.json()) as { approvalId: string };
    expect((await approve(author, approvalId)).status).toBe(403);
    expect(((await (await author.agent.get(`/v1/models/${first.id}`)).json()) as ModelBody).status).toBe('uploaded');
    expect((await approve(checker, approvalId)).status).toBe(200);
    expect(((await (await author.agent.get(`/v1/models/${first.id}`)).json()) as ModelBody).status).toBe('champion');

    // The challenger replaces it; the old champion goes back to shadow as asked.
    const next = (await (
      await author.agent.post(`/v1/models/${second.id}/promote`, { previousChampionTo: 'shadow' })
    ).json()) as { approvalId: string };
    expect((await approve(checker, next.approvalId)).status).toBe(200);
    const active = await reader.activeModels(tenantId);
    expect(active.map((m) => [m.id, m.status])).toEqual([
      [second.id, 'champion'],
      [first.id, 'shadow'],
    ]);
    expect(active[0].bytes.byteLength).toBe(second.sizeBytes);

    // The champion cannot be retired directly; a shadow can.
    expect((await author.agent.post(`/v1/models/${second.id}/retire`)).status).toBe(409);
    const retired = await author.agent.post(`/v1/models/${first.id}/retire`);
    expect(retired.status).toBe(200);
    expect(((await retired.json()) as ModelBody).status).toBe('retired');
  });
});
