import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { TenantContext, TransactionRunner } from '@platform/database';
import { TenantRepository } from '@domains/identity';
import { HttpAgent } from '@platform/testing';
import { startTestApi, type TestApi } from '@apps/api/testing';

const DEMO_KEY = 'vk_demointegrat_VerityDemoIntegrationKey-NotForProduction00';

describe('API keys (composed api over real HTTP)', () => {
  let api: TestApi;
  let machine: HttpAgent;

  beforeAll(async () => {
    api = await startTestApi();
    machine = new HttpAgent(api.baseUrl);
  });

  afterAll(async () => {
    await api?.close();
  });

  const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

  it('lets the demo integration key call the API at once', async () => {
    const res = await machine.get('/v1/audit/keys', bearer(DEMO_KEY));
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('600');
  });

  it('is created by an admin, shown once, listed without its secret, and revocable', async () => {
    const { agent } = await api.session(['admin']);
    const created = await agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; key: string; prefix: string };
    expect(body.key).toMatch(/^vk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(body.key).toContain(body.prefix);

    expect((await machine.get('/v1/audit/checkpoint', bearer(body.key))).status).not.toBe(401);

    const list = (await (await agent.get('/v1/api-keys')).json()) as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(body.key.split('_')[2]);
    expect(list[0]).toMatchObject({ id: body.id, name: 'gateway', role: 'integration', revokedAt: null });

    expect((await agent.request('DELETE', `/v1/api-keys/${body.id}`)).status).toBe(204);
    const afterRevoke = await machine.get('/v1/audit/keys', bearer(body.key));
    expect(afterRevoke.status).toBe(401);
    expect(await afterRevoke.json()).toMatchObject({ code: 'identity/unauthenticated' });
  });

  it('does not open the UI routes to an integration key', async () => {
    for (const path of ['/v1/overview', '/v1/auth/session', '/v1/api-keys']) {
      const res = await machine.get(path, bearer(DEMO_KEY));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'identity/forbidden' });
    }
  });

  it('answers 401 to a malformed or unknown key, and never falls back to the cookie', async () => {
    const { agent } = await api.session(['admin']);
    for (const key of ['nonsense', 'vk_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `${DEMO_KEY}x`]) {
      expect((await agent.get('/v1/overview', bearer(key))).status).toBe(401);
    }
    expect((await agent.get('/v1/overview', { authorization: 'Basic YWRtaW46YWRtaW4=' })).status).toBe(401);
  });

  it('refuses key management to roles without it', async () => {
    const { agent } = await api.session(['analyst']);
    expect((await agent.post('/v1/api-keys', { name: 'x', role: 'admin' })).status).toBe(403);
  });

  it('refuses keys for roles that require MFA, and records key creation and revocation in the ledger', async () => {
    const admin = await api.session(['admin']);
    for (const role of ['admin', 'compliance_officer']) {
      const refused = await admin.agent.post('/v1/api-keys', { name: `${role} robot`, role });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ code: 'identity/api_key_role_not_allowed' });
    }
    expect(((await (await admin.agent.get('/v1/api-keys')).json()) as unknown[]).length).toBe(0);

    const created = (await (await admin.agent.post('/v1/api-keys', { name: 'ledger', role: 'auditor' })).json()) as {
      id: string;
    };
    expect((await admin.agent.request('DELETE', `/v1/api-keys/${created.id}`)).status).toBe(204);
    const session = (await (await admin.agent.get('/v1/auth/session')).json()) as { tenant: { id: string } };
    const recorded = await api.app
      .get(TransactionRunner)
      .run(
        (tx) =>
          tx.query<{ action: string; actor_type: string }[]>(
            `SELECT action, actor_type FROM audit_entries WHERE subject_type = 'api_key' AND subject_id = $1 ORDER BY id`,
            [created.id],
          ),
        { tenantId: session.tenant.id },
      );
    expect(recorded).toEqual([
      { action: 'identity.api_key.created', actor_type: 'user' },
      { action: 'identity.api_key.revoked', actor_type: 'user' },
    ]);
  });

  it('validates a new key request', async () => {
    const { agent } = await api.session(['admin']);
    const res = await agent.post('/v1/api-keys', { name: '', role: 'superuser' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
      'name',
      'role',
    ]);
  });

  it('limits each key to its requests per minute', async () => {
    const { agent, tenantSlug } = await api.session(['admin']);
    const { key, prefix } = (await (
      await agent.post('/v1/api-keys', { name: 'tight', role: 'integration' })
    ).json()) as {
      key: string;
      prefix: string;
    };
    // The api's connections see a tenant's keys only as that tenant (row-level security).
    const tenant = await api.app.get(TenantRepository).findBySlug(tenantSlug);
    const updated = await TenantContext.run(tenant?.id ?? '', () =>
      api.app
        .get(DataSource)
        .query<[unknown[], number]>('UPDATE identity_api_keys SET rate_limit_per_minute = 3 WHERE prefix = $1', [
          prefix,
        ]),
    );
    expect(updated[1]).toBe(1);
    // Four requests exceed a limit of three unless a minute boundary falls between them; eight always do.
    let refused: Response | undefined;
    let allowed = 0;
    for (let i = 0; i < 8 && !refused; i += 1) {
      const res = await machine.get('/v1/audit/keys', bearer(key));
      if (res.status === 429) refused = res;
      else if (res.status === 200) allowed += 1;
    }
    expect(refused?.status).toBe(429);
    expect(allowed).toBeGreaterThanOrEqual(3);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused?.json()).toMatchObject({ code: 'identity/rate_limited' });
  });
});
