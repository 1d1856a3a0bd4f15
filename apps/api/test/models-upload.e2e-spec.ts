import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_FEATURES, buildLinearModel } from '@domains/monitoring';
import { startTestApi, type TestApi } from '@apps/api/testing';

describe('model upload as a raw file (application/octet-stream) by a script', () => {
  let api: TestApi;

  beforeAll(async () => {
    // A compliance officer's key for a model pipeline: allowed only where that role does not require MFA.
    api = await startTestApi({ MFA_REQUIRED_ROLES: 'admin' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('stores the posted ONNX bytes, checked like a JSON upload, and refuses an oversized or foreign file', async () => {
    const admin = await api.session(['admin']);
    const created = await admin.agent.post('/v1/api-keys', { name: 'model pipeline', role: 'compliance_officer' });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const post = (body: Uint8Array, name: string): Promise<Response> =>
      fetch(new URL(`/v1/models?name=${name}`, api.baseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' },
        body,
      });

    const bytes = buildLinearModel(
      { weights: MODEL_FEATURES.map(() => 0.01), intercept: -4, baseline: MODEL_FEATURES.map(() => 0) },
      { featureNames: MODEL_FEATURES },
    );
    const res = await post(bytes, 'pipeline-model');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      name: 'pipeline-model',
      version: 1,
      status: 'uploaded',
      sizeBytes: bytes.byteLength,
    });

    const png = await post(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'picture');
    expect(png.status).toBe(422);
    expect(await png.json()).toMatchObject({ code: 'monitoring/model_schema_mismatch' });

    const huge = await post(new Uint8Array(9 * 1024 * 1024), 'huge');
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'monitoring/model_too_large' });

    const list = (await (await admin.agent.get('/v1/models')).json()) as { name: string }[];
    expect(list.map((m) => m.name)).toEqual(['pipeline-model']);
  });
});
