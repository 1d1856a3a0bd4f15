import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { TenantRepository } from '@domains/identity';
import { demoSignIn, startTestApi, totpCode, type TestApi, type TestSession } from '@apps/api/testing';

interface ApprovalBody {
  id: string;
  kind: string;
  subject: { type: string; id: string };
  content: { userId: string; email: string; fromRoles: string[]; toRoles: string[] };
  contentHash: string;
  requestedBy: { id: string; email: string | null };
  status: string;
  decisionReason: string | null;
  mayApprove: boolean;
  whyNot: string | null;
}

interface UserBody {
  id: string;
  email: string;
  roles: string[];
  disabledAt: string | null;
  pendingRoleChange: { id: string; toRoles: string[] } | null;
}

describe('four-eyes approvals of role changes (composed api over real HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  /** Runs SQL as the tenant (row-level security lets a transaction see only its tenant's rows). */
  const sql = async <T>(tenantSlug: string, query: string, params: unknown[] = []): Promise<T[]> => {
    const tenant = await api.app.get(TenantRepository).findBySlug(tenantSlug);
    if (!tenant) throw new Error(`no tenant ${tenantSlug}`);
    return api.app.get(TransactionRunner).run<T[]>((tx) => tx.query(query, params), { tenantId: tenant.id });
  };

  const auditActions = async (tenantSlug: string, subjectType: string, subjectId: string): Promise<string[]> =>
    (
      await sql<{ action: string }>(
        tenantSlug,
        `SELECT e.action FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
          JOIN tenants t ON t.id = l.tenant_id
         WHERE t.slug = $1 AND e.subject_type = $2 AND e.subject_id = $3 ORDER BY e.id`,
        [tenantSlug, subjectType, subjectId],
      )
    ).map((r) => r.action);

  const passphrase = (): string => `quiet harbour lanterns ${randomBytes(4).toString('hex')}`;

  /** Admin A's tenant with a second admin B, and a user without roles created by A. */
  async function twoAdminsAndAUser(): Promise<{ a: TestSession; b: TestSession; user: UserBody }> {
    const a = await api.session(['admin']);
    const b = await api.sessionInTenant(a.tenantSlug, ['admin']);
    const created = await a.agent.post('/v1/users', {
      email: `new-${randomBytes(3).toString('hex')}@example.com`,
      displayName: 'New Person',
    });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: UserBody };
    return { a, b, user };
  }

  async function requestRoles(admin: TestSession, userId: string, roles: string[]): Promise<ApprovalBody> {
    const res = await admin.agent.request('PUT', `/v1/users/${userId}/roles`, { body: { roles } });
    expect(res.status).toBe(202);
    const { approval } = (await res.json()) as { approval: { id: string } };
    return (await (await admin.agent.get(`/v1/approvals/${approval.id}`)).json()) as ApprovalBody;
  }

  const userOf = async (admin: TestSession, id: string): Promise<UserBody> =>
    (await (await admin.agent.get(`/v1/users/${id}`)).json()) as UserBody;

  it('runs the whole flow: invite, accept, request, refuse self-approval, approve by a second admin', async () => {
    const a = await api.session(['admin']);
    const b = await api.sessionInTenant(a.tenantSlug, ['admin']);

    // A creates the user: no roles, and an invitation link shown once.
    const email = `nina-${randomBytes(3).toString('hex')}@example.com`;
    const created = await a.agent.post('/v1/users', { email, displayName: 'Nina New' });
    expect(created.status).toBe(201);
    const { user, invitation } = (await created.json()) as {
      user: UserBody;
      invitation: { token: string; url: string; expiresAt: string };
    };
    expect(user).toMatchObject({ email, roles: [], disabledAt: null });
    expect(invitation.url).toMatch(new RegExp(`/invite/${invitation.token}$`));

    // The invited person chooses a password and signs in (with no role yet, they can reach nothing).
    const password = passphrase();
    const accepted = await new HttpAgent(api.baseUrl).post('/v1/auth/invitations/accept', {
      token: invitation.token,
      password,
    });
    expect(accepted.status).toBe(204);
    const nina = new HttpAgent(api.baseUrl);
    const signIn = await nina.post('/v1/auth/sign-in', { tenant: a.tenantSlug, email, password });
    expect(signIn.status).toBe(200);
    nina.csrfToken = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    expect((await nina.get('/v1/auth/session')).status).toBe(403);

    // A asks for Nina to become an analyst: nothing changes yet.
    const request = await requestRoles(a, user.id, ['analyst']);
    expect(request).toMatchObject({
      kind: 'identity.user_roles.change',
      subject: { type: 'user', id: user.id },
      content: { userId: user.id, email, fromRoles: [], toRoles: ['analyst'] },
      status: 'pending',
      mayApprove: false,
      whyNot: 'own_request',
    });
    expect(request.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await userOf(a, user.id)).pendingRoleChange).toMatchObject({ id: request.id, toRoles: ['analyst'] });

    // A cannot approve their own request.
    const own = await a.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(own.status).toBe(403);
    expect(own.headers.get('content-type')).toContain('application/problem+json');
    expect(await own.json()).toMatchObject({ code: 'approvals/self_approval' });
    expect((await userOf(a, user.id)).roles).toEqual([]);

    // B sees it in the inbox and approves it.
    const inbox = (await (await b.agent.get('/v1/approvals?box=to_approve')).json()) as ApprovalBody[];
    expect(inbox.find((r) => r.id === request.id)).toMatchObject({ mayApprove: true, whyNot: null });
    const mine = (await (await a.agent.get('/v1/approvals?box=mine')).json()) as ApprovalBody[];
    expect(mine.map((r) => r.id)).toContain(request.id);
    expect(
      ((await (await a.agent.get('/v1/approvals?box=to_approve')).json()) as ApprovalBody[]).map((r) => r.id),
    ).not.toContain(request.id);

    const approved = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ id: request.id, status: 'approved' });
    expect(await userOf(a, user.id)).toMatchObject({ roles: ['analyst'], pendingRoleChange: null });

    // Nina's session ended with the change; signing in again gives her the new role.
    expect((await nina.get('/v1/auth/session')).status).toBe(401);
    const again = new HttpAgent(api.baseUrl);
    expect((await again.post('/v1/auth/sign-in', { tenant: a.tenantSlug, email, password })).status).toBe(200);
    expect(await (await again.get('/v1/auth/session')).json()).toMatchObject({ user: { roles: ['analyst'] } });

    // Every step is in the audit ledger.
    expect(await auditActions(a.tenantSlug, 'approval_request', request.id)).toEqual([
      'approvals.requested',
      'approvals.approved',
    ]);
    expect(await auditActions(a.tenantSlug, 'user', user.id)).toEqual(
      expect.arrayContaining([
        'identity.user.created',
        'identity.user.invited',
        'identity.user.invitation_accepted',
        'identity.user.roles_changed',
      ]),
    );

    // A decision is final.
    const twice = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: 'approvals/already_decided' });
  });

  it('refuses an approval carrying a stale hash and changes nothing', async () => {
    const { a, b, user } = await twoAdminsAndAUser();
    const request = await requestRoles(a, user.id, ['auditor']);
    const stale = 'a'.repeat(64);
    const res = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: stale });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'approvals/content_hash_mismatch' });
    expect(((await (await b.agent.get(`/v1/approvals/${request.id}`)).json()) as ApprovalBody).status).toBe('pending');
    expect((await userOf(a, user.id)).roles).toEqual([]);
  });

  it("voids the request when the user's roles changed meanwhile, and applies nothing", async () => {
    const { a, b, user } = await twoAdminsAndAUser();
    const request = await requestRoles(a, user.id, ['analyst']);
    // The roles change by another path (an operator, a later feature) after the request was made.
    await sql(a.tenantSlug, `UPDATE identity_users SET roles = '{auditor}' WHERE id = $1`, [user.id]);

    const res = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'approvals/content_changed' });
    expect(await (await b.agent.get(`/v1/approvals/${request.id}`)).json()).toMatchObject({
      status: 'void',
      decisionReason: 'content_changed',
    });
    expect((await userOf(a, user.id)).roles).toEqual(['auditor']);
    expect(await auditActions(a.tenantSlug, 'approval_request', request.id)).toEqual([
      'approvals.requested',
      'approvals.voided',
    ]);
  });

  it('voids the request when the user was disabled meanwhile', async () => {
    const { a, b, user } = await twoAdminsAndAUser();
    const request = await requestRoles(a, user.id, ['analyst']);
    expect((await a.agent.post(`/v1/users/${user.id}/disable`)).status).toBe(200);

    const res = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'approvals/content_changed' });
    expect(await userOf(a, user.id)).toMatchObject({ roles: [] });
    expect(((await (await b.agent.get(`/v1/approvals/${request.id}`)).json()) as ApprovalBody).status).toBe('void');
  });

  it('voids the request when its requester was disabled meanwhile', async () => {
    const { a, b, user } = await twoAdminsAndAUser();
    const request = await requestRoles(a, user.id, ['analyst']);
    const aId = ((await (await a.agent.get('/v1/auth/session')).json()) as { user: { id: string } }).user.id;
    expect((await b.agent.post(`/v1/users/${aId}/disable`)).status).toBe(200);

    const res = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'approvals/requester_disabled' });
    expect(await (await b.agent.get(`/v1/approvals/${request.id}`)).json()).toMatchObject({
      status: 'void',
      decisionReason: 'requester_disabled',
    });
    expect((await userOf(b, user.id)).roles).toEqual([]);
  });

  it('requires a recent re-authentication of the approver', async () => {
    const { a, b, user } = await twoAdminsAndAUser();
    const request = await requestRoles(a, user.id, ['analyst']);
    await sql(
      b.tenantSlug,
      `UPDATE identity_sessions SET reauthenticated_at = now() - interval '10 minutes'
        WHERE user_id = (SELECT id FROM identity_users WHERE email = $1)`,
      [b.email],
    );

    const view = (await (await b.agent.get(`/v1/approvals/${request.id}`)).json()) as ApprovalBody;
    expect(view).toMatchObject({ mayApprove: false, whyNot: 'reauthentication_required' });
    const res = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'approvals/reauthentication_required' });
    expect((await userOf(a, user.id)).roles).toEqual([]);

    // Confirming the second factor (or the password, for a person without one) opens the window again.
    const proof = b.totpSecret ? { code: totpCode(b.totpSecret) } : { password: b.password };
    expect((await b.agent.post('/v1/auth/reauthenticate', proof)).status).toBeLessThan(300);
    const ok = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(ok.status).toBe(200);
    expect((await userOf(a, user.id)).roles).toEqual(['analyst']);
  });

  it('answers 404 to an admin of another tenant asking for or approving a request by id', async () => {
    const { a, user } = await twoAdminsAndAUser();
    const request = await requestRoles(a, user.id, ['analyst']);
    const stranger = await api.session(['admin']);
    expect((await stranger.agent.get(`/v1/approvals/${request.id}`)).status).toBe(404);
    const res = await stranger.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'approvals/not_found' });
    expect((await stranger.agent.post(`/v1/approvals/${request.id}/reject`, { reason: 'no' })).status).toBe(404);
    expect((await stranger.agent.get(`/v1/users/${user.id}`)).status).toBe(404);
    expect(
      ((await (await stranger.agent.get('/v1/approvals?box=all')).json()) as ApprovalBody[]).map((r) => r.id),
    ).not.toContain(request.id);
    expect((await userOf(a, user.id)).roles).toEqual([]);
  });

  it('refuses integration keys and analysts', async () => {
    const { a, user } = await twoAdminsAndAUser();
    const request = await requestRoles(a, user.id, ['analyst']);
    const keyRes = await a.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    const { key } = (await keyRes.json()) as { key: string };
    const machine = new HttpAgent(api.baseUrl);
    const bearer = { authorization: `Bearer ${key}` };
    expect((await machine.get('/v1/approvals', bearer)).status).toBe(403);
    // No key can hold a role that may decide: those roles require MFA, which a bearer secret does not have.
    const adminKeyRes = await a.agent.post('/v1/api-keys', { name: 'admin robot', role: 'admin' });
    expect(adminKeyRes.status).toBe(422);
    expect(await adminKeyRes.json()).toMatchObject({ code: 'identity/api_key_role_not_allowed' });
    expect((await machine.get(`/v1/approvals/${request.id}`, bearer)).status).toBe(403);
    const approve = await machine.request('POST', `/v1/approvals/${request.id}/approve`, {
      body: { contentHash: request.contentHash },
      headers: bearer,
    });
    expect(approve.status).toBe(403);

    // An analyst of the tenant may read the inbox but holds no permission to approve a role change.
    const analyst = await api.sessionInTenant(a.tenantSlug, ['analyst']);
    const view = (await (await analyst.agent.get(`/v1/approvals/${request.id}`)).json()) as ApprovalBody;
    expect(view).toMatchObject({ mayApprove: false, whyNot: 'permission_missing' });
    const res = await analyst.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'approvals/permission_missing' });
    expect((await userOf(a, user.id)).roles).toEqual([]);
  });

  it('refuses malformed and over-long input with 400 problem+json, changing nothing', async () => {
    const { a, b, user } = await twoAdminsAndAUser();
    const request = await requestRoles(a, user.id, ['analyst']);
    const bad: [string, string, unknown][] = [
      ['POST', `/v1/approvals/${request.id}/approve`, { contentHash: 'not-a-hash' }],
      ['POST', `/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash.toUpperCase() }],
      ['POST', `/v1/approvals/${request.id}/approve`, {}],
      ['POST', `/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash, extra: true }],
      ['POST', '/v1/approvals/not-a-uuid/approve', { contentHash: request.contentHash }],
      ['POST', `/v1/approvals/${request.id}/reject`, { reason: 'x'.repeat(1001) }],
      ['POST', `/v1/approvals/${request.id}/reject`, { reason: '   ' }],
      ['GET', '/v1/approvals?box=everything', undefined],
      ['GET', '/v1/approvals?status=maybe', undefined],
      ['GET', '/v1/approvals?limit=0', undefined],
      ['GET', '/v1/approvals?limit=100000', undefined],
    ];
    for (const [method, path, body] of bad) {
      const res = await b.agent.request(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const raw = await b.agent.request('POST', `/v1/approvals/${request.id}/approve`, {
      rawBody: '{"contentHash": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
    expect(((await (await b.agent.get(`/v1/approvals/${request.id}`)).json()) as ApprovalBody).status).toBe('pending');
    expect((await userOf(a, user.id)).roles).toEqual([]);
  });

  it('lets exactly one of two concurrent approvals win', async () => {
    const { a, b, user } = await twoAdminsAndAUser();
    const c = await api.sessionInTenant(a.tenantSlug, ['admin']);
    const request = await requestRoles(a, user.id, ['compliance_officer']);
    const results = await Promise.all(
      [b, c, b].map((admin) =>
        admin.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    for (const res of results.filter((r) => r.status === 409)) {
      expect(await res.json()).toMatchObject({ code: 'approvals/already_decided' });
    }
    expect((await userOf(a, user.id)).roles).toEqual(['compliance_officer']);
    const changes = (await auditActions(a.tenantSlug, 'user', user.id)).filter(
      (action) => action === 'identity.user.roles_changed',
    );
    expect(changes).toHaveLength(1);
  });

  it('replaces a pending request with a newer one, and lets requests be rejected or withdrawn', async () => {
    const { a, b, user } = await twoAdminsAndAUser();
    const first = await requestRoles(a, user.id, ['analyst']);
    const second = await requestRoles(a, user.id, ['auditor']);
    expect(await (await b.agent.get(`/v1/approvals/${first.id}`)).json()).toMatchObject({
      status: 'void',
      decisionReason: 'superseded',
    });
    const late = await b.agent.post(`/v1/approvals/${first.id}/approve`, { contentHash: first.contentHash });
    expect(late.status).toBe(409);

    // Only the requester withdraws; another admin rejects with a reason.
    const notMine = await b.agent.post(`/v1/approvals/${second.id}/withdraw`);
    expect(notMine.status).toBe(403);
    expect(await notMine.json()).toMatchObject({ code: 'approvals/not_requester' });
    expect((await a.agent.post(`/v1/approvals/${second.id}/reject`, { reason: 'mine' })).status).toBe(403);
    const rejected = await b.agent.post(`/v1/approvals/${second.id}/reject`, { reason: 'Auditors are external' });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', decisionReason: 'Auditors are external' });

    const third = await requestRoles(a, user.id, ['analyst']);
    const withdrawn = await a.agent.post(`/v1/approvals/${third.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect((await userOf(a, user.id)).roles).toEqual([]);
    expect(await auditActions(a.tenantSlug, 'approval_request', second.id)).toEqual([
      'approvals.requested',
      'approvals.rejected',
    ]);
    expect(await auditActions(a.tenantSlug, 'approval_request', third.id)).toEqual([
      'approvals.requested',
      'approvals.withdrawn',
    ]);
  });

  it('does not let an admin approve a change of their own roles requested by another admin', async () => {
    const a = await api.session(['admin']);
    const b = await api.sessionInTenant(a.tenantSlug, ['admin']);
    const bId = (
      (await (await b.agent.get('/v1/auth/session')).json()) as {
        user: { id: string };
      }
    ).user.id;
    const request = await requestRoles(a, bId, ['admin', 'compliance_officer']);
    const res = await b.agent.post(`/v1/approvals/${request.id}/approve`, { contentHash: request.contentHash });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'approvals/self_approval' });
  });

  it('shows the seeded demo request to the second demo admin', async () => {
    const grace = new HttpAgent(api.baseUrl);
    const first = await grace.post('/v1/auth/sign-in', { ...demoSignIn, email: 'admin2@demo.verity.local' });
    expect(first.status).toBe(200);
    // The demo admins have TOTP enrolled: the password yields a challenge, the code the session.
    const { challenge } = (await first.json()) as { challenge: string };
    const res = await grace.post('/v1/auth/sign-in/totp', { challenge, code: totpCode(demoSignIn.totpSecret) });
    expect(res.status).toBe(200);
    const inbox = (await (await grace.get('/v1/approvals?box=all&status=pending')).json()) as ApprovalBody[];
    expect(inbox.some((r) => r.content.email === 'analyst@demo.verity.local')).toBe(true);
    expect((await grace.get(`/v1/approvals/${randomUUID()}`)).status).toBe(404);
  });
});
