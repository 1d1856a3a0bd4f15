import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface UserBody {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  passwordSet: boolean;
  disabledAt: string | null;
  pendingRoleChange: { id: string; fromRoles: string[]; toRoles: string[]; contentHash: string } | null;
}

interface Created {
  user: UserBody;
  invitation: { token: string; url: string; expiresAt: string };
}

describe('user management (composed api over real HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL: 'https://verity.example.com' });
  });

  afterAll(async () => {
    await api?.close();
  });

  const sql = async <T>(tenantSlug: string, query: string, params: unknown[] = []): Promise<T[]> => {
    const tenant = await api.app.get(TenantRepository).findBySlug(tenantSlug);
    if (!tenant) throw new Error(`no tenant ${tenantSlug}`);
    return api.app.get(TransactionRunner).run<T[]>((tx) => tx.query(query, params), { tenantId: tenant.id });
  };

  const passphrase = (): string => `violet canyon orchestra ${randomBytes(4).toString('hex')}`;
  const newEmail = (): string => `person-${randomBytes(4).toString('hex')}@example.com`;

  async function invite(admin: TestSession, email = newEmail()): Promise<Created> {
    const res = await admin.agent.post('/v1/users', { email, displayName: 'Pat Person' });
    expect(res.status).toBe(201);
    return (await res.json()) as Created;
  }

  const accept = (token: string, password: string): Promise<Response> =>
    new HttpAgent(api.baseUrl).post('/v1/auth/invitations/accept', { token, password });

  async function signIn(tenant: string, email: string, password: string): Promise<HttpAgent> {
    const agent = new HttpAgent(api.baseUrl);
    const res = await agent.post('/v1/auth/sign-in', { tenant, email, password });
    expect(res.status).toBe(200);
    agent.csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
    return agent;
  }

  it('creates a user without roles and answers the invitation once, with a link under PUBLIC_URL', async () => {
    const admin = await api.session(['admin']);
    const email = `Mixed.Case-${randomBytes(3).toString('hex')}@Example.com`;
    const { user, invitation } = await invite(admin, email);
    expect(user).toMatchObject({
      email: email.toLowerCase(),
      displayName: 'Pat Person',
      roles: [],
      passwordSet: false,
      disabledAt: null,
      pendingRoleChange: null,
    });
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation.url).toBe(`https://verity.example.com/invite/${invitation.token}`);
    const hours = (Date.parse(invitation.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71);
    expect(hours).toBeLessThanOrEqual(72);

    // Only the token's hash is stored, and the listing never shows it.
    const list = await admin.agent.get('/v1/users');
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(invitation.token);
    const listed = JSON.parse(text) as (UserBody & { mfaEnrolled: boolean })[];
    expect(listed.find((u) => u.email === email.toLowerCase())).toMatchObject({ mfaEnrolled: false });
    // The admin enrolled TOTP when signing in (the harness does it for the roles that require it).
    expect(listed.find((u) => u.email === admin.email)).toMatchObject({ mfaEnrolled: true });
    const stored = await sql<{ n: string }>(
      admin.tenantSlug,
      `SELECT count(*) AS n FROM identity_invitations WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
      [invitation.token],
    );
    expect(Number(stored[0]?.n)).toBe(1);

    // The same address twice is a conflict, whatever its case.
    const again = await admin.agent.post('/v1/users', { email: email.toUpperCase(), displayName: 'Twin' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'identity/user_exists' });
  });

  it('accepts an invitation once, with a password the policy allows', async () => {
    const admin = await api.session(['admin']);
    const { user, invitation } = await invite(admin);

    const weak = await accept(invitation.token, 'password1234');
    expect(weak.status).toBe(422);
    expect(await weak.json()).toMatchObject({ code: 'identity/password_rejected' });

    const password = passphrase();
    expect((await accept(invitation.token, password)).status).toBe(204);
    await signIn(admin.tenantSlug, user.email, password);

    const reused = await accept(invitation.token, passphrase());
    expect(reused.status).toBe(401);
    expect(await reused.json()).toMatchObject({ code: 'identity/invitation_invalid' });
    // The first password still holds.
    await signIn(admin.tenantSlug, user.email, password);
    expect(((await (await admin.agent.get(`/v1/users/${user.id}`)).json()) as UserBody).passwordSet).toBe(true);
  });

  it('refuses unknown, malformed and expired invitations', async () => {
    const admin = await api.session(['admin']);
    const { invitation } = await invite(admin);
    const unknown = await accept(randomBytes(32).toString('base64url'), passphrase());
    expect(unknown.status).toBe(401);
    expect((await accept('short', passphrase())).status).toBe(400);
    expect((await accept(invitation.token, 'x'.repeat(1025))).status).toBe(400);

    await sql(
      admin.tenantSlug,
      `UPDATE identity_invitations SET expires_at = now() - interval '1 minute'
        WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
      [invitation.token],
    );
    const expired = await accept(invitation.token, passphrase());
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 'identity/invitation_invalid' });
  });

  it('issues a new invitation that replaces the old link', async () => {
    const admin = await api.session(['admin']);
    const { user, invitation } = await invite(admin);
    const res = await admin.agent.post(`/v1/users/${user.id}/invitation`);
    expect(res.status).toBe(201);
    const fresh = (await res.json()) as { token: string };
    expect(fresh.token).not.toBe(invitation.token);
    expect((await accept(invitation.token, passphrase())).status).toBe(401);
    expect((await accept(fresh.token, passphrase())).status).toBe(204);
    expect((await admin.agent.post(`/v1/users/${user.id}/invitation`)).status).toBe(409);
  });

  it('lists the pending role change beside the user', async () => {
    const admin = await api.session(['admin']);
    const { user } = await invite(admin);
    const res = await admin.agent.request('PUT', `/v1/users/${user.id}/roles`, {
      body: { roles: ['auditor', 'analyst', 'analyst'] },
    });
    expect(res.status).toBe(202);
    const { approval } = (await res.json()) as { approval: { id: string; contentHash: string; status: string } };
    expect(approval).toMatchObject({ status: 'pending' });
    expect(approval.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const listed = ((await (await admin.agent.get('/v1/users')).json()) as UserBody[]).find((u) => u.id === user.id);
    expect(listed).toMatchObject({
      roles: [],
      pendingRoleChange: { id: approval.id, fromRoles: [], toRoles: ['analyst', 'auditor'] },
    });

    // Asking for the roles the user has is not a change.
    const same = await admin.agent.request('PUT', `/v1/users/${user.id}/roles`, { body: { roles: [] } });
    expect(same.status).toBe(409);
    expect(await same.json()).toMatchObject({ code: 'identity/roles_unchanged' });
  });

  it('disables a user at once (sessions end) and enables them again; nobody disables themselves', async () => {
    const admin = await api.session(['admin']);
    const analyst = await api.sessionInTenant(admin.tenantSlug, ['analyst']);
    const analystId = ((await (await analyst.agent.get('/v1/auth/session')).json()) as { user: { id: string } }).user
      .id;

    const disabled = await admin.agent.post(`/v1/users/${analystId}/disable`);
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as UserBody).disabledAt).not.toBeNull();
    expect((await analyst.agent.get('/v1/auth/session')).status).toBe(401);
    const refused = await new HttpAgent(api.baseUrl).post('/v1/auth/sign-in', {
      tenant: admin.tenantSlug,
      email: analyst.email,
      password: analyst.password,
    });
    expect(refused.status).toBe(401);

    const enabled = await admin.agent.post(`/v1/users/${analystId}/enable`);
    expect(enabled.status).toBe(200);
    expect(((await enabled.json()) as UserBody).disabledAt).toBeNull();
    await signIn(admin.tenantSlug, analyst.email, analyst.password);

    const adminId = ((await (await admin.agent.get('/v1/auth/session')).json()) as { user: { id: string } }).user.id;
    const self = await admin.agent.post(`/v1/users/${adminId}/disable`);
    expect(self.status).toBe(403);
    expect(await self.json()).toMatchObject({ code: 'identity/cannot_disable_self' });

    const actions = await sql<{ action: string }>(
      admin.tenantSlug,
      `SELECT action FROM audit_entries WHERE subject_type = 'user' AND subject_id = $1 ORDER BY id`,
      [analystId],
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['identity.user.disabled', 'identity.user.enabled']),
    );
  });

  it('refuses the user routes to analysts and to other tenants', async () => {
    const admin = await api.session(['admin']);
    const { user } = await invite(admin);
    const analyst = await api.sessionInTenant(admin.tenantSlug, ['analyst']);
    const calls: [string, string, unknown][] = [
      ['GET', '/v1/users', undefined],
      ['POST', '/v1/users', { email: newEmail(), displayName: 'Sneaky' }],
      ['GET', `/v1/users/${user.id}`, undefined],
      ['PUT', `/v1/users/${user.id}/roles`, { roles: ['admin'] }],
      ['POST', `/v1/users/${user.id}/disable`, undefined],
      ['POST', `/v1/users/${user.id}/invitation`, undefined],
    ];
    for (const [method, path, body] of calls) {
      const res = await analyst.agent.request(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }

    const stranger = await api.session(['admin']);
    for (const [method, path, body] of calls.slice(2)) {
      const res = await stranger.agent.request(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const after = (await (await admin.agent.get(`/v1/users/${user.id}`)).json()) as UserBody;
    expect(after).toMatchObject({ roles: [], disabledAt: null, pendingRoleChange: null });
  });

  it('refuses malformed and over-long input with 400 problem+json, changing nothing', async () => {
    const admin = await api.session(['admin']);
    const { user } = await invite(admin);
    const before = ((await (await admin.agent.get('/v1/users')).json()) as UserBody[]).length;
    const bad: [string, string, unknown][] = [
      ['POST', '/v1/users', { email: 'not-an-email', displayName: 'X' }],
      ['POST', '/v1/users', { email: newEmail(), displayName: 'x'.repeat(201) }],
      ['POST', '/v1/users', { email: newEmail(), displayName: '   ' }],
      ['POST', '/v1/users', { email: `${'a'.repeat(320)}@example.com`, displayName: 'Long' }],
      ['POST', '/v1/users', { email: newEmail(), displayName: 'X', roles: ['admin'] }],
      ['PUT', `/v1/users/${user.id}/roles`, { roles: ['superuser'] }],
      ['PUT', `/v1/users/${user.id}/roles`, { roles: ['integration'] }],
      ['PUT', `/v1/users/${user.id}/roles`, { roles: 'admin' }],
      ['PUT', `/v1/users/${user.id}/roles`, { roles: Array.from({ length: 50 }, () => 'analyst') }],
      ['PUT', '/v1/users/not-a-uuid/roles', { roles: ['analyst'] }],
      ['POST', '/v1/users/not-a-uuid/disable', undefined],
    ];
    for (const [method, path, body] of bad) {
      const res = await admin.agent.request(method, path, { body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const list = (await (await admin.agent.get('/v1/users')).json()) as UserBody[];
    expect(list).toHaveLength(before);
    expect(list.find((u) => u.id === user.id)).toMatchObject({ roles: [], pendingRoleChange: null });
  });
});
