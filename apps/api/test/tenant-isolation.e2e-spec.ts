import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent } from '@platform/testing';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface KeyBody {
  readonly id: string;
  readonly key: string;
}

describe('tenant isolation over HTTP (a user of tenant A asking for tenant B objects)', () => {
  let api: TestApi;
  let tenantA: TestSession;
  let tenantB: TestSession;
  let keyOfB: KeyBody;
  const machine = (): HttpAgent => new HttpAgent(api.baseUrl);
  const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    api = await startTestApi();
    tenantA = await api.session(['admin']);
    tenantB = await api.session(['admin']);
    const created = await tenantB.agent.post('/v1/api-keys', { name: 'b-gateway', role: 'integration' });
    expect(created.status).toBe(201);
    keyOfB = (await created.json()) as KeyBody;
  });

  afterAll(async () => {
    await api?.close();
  });

  it("answers 404 when tenant A revokes tenant B's API key by id, and the key keeps working", async () => {
    const res = await tenantA.agent.request('DELETE', `/v1/api-keys/${keyOfB.id}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'identity/api_key_not_found' });

    expect((await machine().get('/v1/audit/keys', bearer(keyOfB.key))).status).toBe(200);
    const listOfB = (await (await tenantB.agent.get('/v1/api-keys')).json()) as { id: string; revokedAt: unknown }[];
    expect(listOfB).toEqual([expect.objectContaining({ id: keyOfB.id, revokedAt: null })]);
  });

  it("lists only the caller's own tenant's keys", async () => {
    const listOfA = (await (await tenantA.agent.get('/v1/api-keys')).json()) as { id: string }[];
    expect(listOfA.map((k) => k.id)).not.toContain(keyOfB.id);
  });

  it("shows each tenant only its own audit log, and B's key only B's", async () => {
    const keysOfA = (await (await tenantA.agent.get('/v1/audit/keys')).json()) as { origin: string | null };
    const keysOfB = (await (await machine().get('/v1/audit/keys', bearer(keyOfB.key))).json()) as {
      origin: string | null;
    };
    expect(keysOfA.origin).toContain(tenantA.tenantSlug);
    expect(keysOfB.origin).toContain(tenantB.tenantSlug);
  });
});
