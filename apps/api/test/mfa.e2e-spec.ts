import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import {
  LOCKOUT_THRESHOLD,
  SESSION_COOKIE,
  SIGN_IN_CHALLENGE_MAX_FAILURES,
  TenantProvisioningService,
} from '@domains/identity';
import { demoSignIn, startTestApi, totpCode, type TestApi } from '@apps/api/testing';

interface SessionBody {
  status: 'signed_in';
  csrfToken: string;
  user: { id: string; roles: string[] };
  tenant: { id: string };
  mfa: { enrolled: boolean; required: boolean; satisfied: boolean };
  reauthenticatedAt: string;
}

interface ChallengeBody {
  status: 'mfa_required';
  challenge: string;
  expiresAt: string;
}

/** A 6-digit code that is none of the codes the server would accept right now. */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((offset) => totpCode(secret, offset)));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code)) ?? '444444';
}

describe('passwords and TOTP multi-factor authentication (composed api over real HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  async function signInFirstStep(
    agent: HttpAgent,
    credentials: { tenant: string; email: string; password: string },
  ): Promise<ChallengeBody> {
    const res = await agent.post('/v1/auth/sign-in', credentials);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ChallengeBody;
    expect(body.status).toBe('mfa_required');
    return body;
  }

  /** The actions recorded in the tenant's audit ledger about one user, oldest first. */
  async function auditActions(tenantId: string, userId: string): Promise<string[]> {
    const rows = await api.app.get(TransactionRunner).run<{ action: string }[]>(
      (tx) =>
        tx.query(
          `SELECT e.action FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
            WHERE l.tenant_id = $1 AND e.subject_type = 'user' AND e.subject_id = $2 ORDER BY e.id`,
          [tenantId, userId],
        ),
      { tenantId },
    );
    return rows.map((r) => r.action);
  }

  /** A new tenant with one admin who has not enrolled TOTP yet (provisioned directly, as an installer would). */
  async function unenrolledAdmin(): Promise<{ tenant: string; email: string; password: string }> {
    const tenant = `t-${randomBytes(5).toString('hex')}`;
    const credentials = { tenant, email: `admin@${tenant}.test`, password: `pw-${randomBytes(12).toString('hex')}` };
    await api.app.get(TenantProvisioningService).provision({
      slug: tenant,
      name: `Tenant ${tenant}`,
      users: [{ email: credentials.email, displayName: 'New Admin', password: credentials.password, roles: ['admin'] }],
    });
    return credentials;
  }

  it('asks the demo admin for a TOTP code before any session exists, then signs them in', async () => {
    const agent = new HttpAgent(api.baseUrl);
    const first = await agent.post('/v1/auth/sign-in', demoSignIn);
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    const challenge = (await first.json()) as ChallengeBody;
    expect(challenge).toMatchObject({ status: 'mfa_required', challenge: expect.any(String) });
    expect(Date.parse(challenge.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect((await agent.get('/v1/overview')).status).toBe(401);

    const second = await agent.post('/v1/auth/sign-in/totp', {
      challenge: challenge.challenge,
      code: totpCode(demoSignIn.totpSecret),
    });
    expect(second.status).toBe(200);
    const session = (await second.json()) as SessionBody;
    expect(session).toMatchObject({
      status: 'signed_in',
      user: { roles: ['admin'] },
      mfa: { enrolled: true, required: true, satisfied: true },
    });
    expect(agent.cookie(SESSION_COOKIE)).toBeDefined();
    expect((await agent.get('/v1/overview')).status).toBe(200);
    const actions = await auditActions(session.tenant.id, session.user.id);
    expect(actions).toContain('identity.sign_in.mfa_challenged');
    expect(actions.at(-1)).toBe('identity.sign_in.succeeded');
  });

  it('signs password-only roles in at once, and says MFA is neither required nor enrolled', async () => {
    const { agent } = await api.session(['analyst']);
    const session = (await (await agent.get('/v1/auth/session')).json()) as SessionBody;
    expect(session).toMatchObject({ status: 'signed_in', mfa: { enrolled: false, required: false } });
    expect(Number.isNaN(Date.parse(session.reauthenticatedAt))).toBe(false);
  });

  it('limits an admin without TOTP to enrolment, then completes the same session once a code is confirmed', async () => {
    const credentials = await unenrolledAdmin();
    const agent = new HttpAgent(api.baseUrl);
    const res = await agent.post('/v1/auth/sign-in', credentials);
    expect(res.status).toBe(200);
    const limited = (await res.json()) as SessionBody;
    expect(limited).toMatchObject({ status: 'signed_in', mfa: { required: true, enrolled: false, satisfied: false } });
    agent.csrfToken = limited.csrfToken;

    for (const blocked of [await agent.get('/v1/overview'), await agent.post('/v1/api-keys', { name: 'x' })]) {
      expect(blocked.status).toBe(403);
      expect(await blocked.json()).toMatchObject({ code: 'identity/mfa_enrollment_required' });
    }
    expect((await agent.get('/v1/auth/session')).status).toBe(200);

    // A second setup replaces the first secret, which then no longer confirms.
    const firstSetup = (await (await agent.post('/v1/auth/mfa/totp/setup')).json()) as { secret: string };
    const setupRes = await agent.post('/v1/auth/mfa/totp/setup');
    expect(setupRes.status).toBe(200);
    const setup = (await setupRes.json()) as { secret: string; otpauthUri: string; qrCodeSvg: string };
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.secret).not.toBe(firstSetup.secret);
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(setup.otpauthUri).toContain(`secret=${setup.secret}`);
    expect(setup.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    const stale = await agent.post('/v1/auth/mfa/totp/confirm', { code: totpCode(firstSetup.secret) });
    expect(stale.status).toBe(422);
    expect(await stale.json()).toMatchObject({ code: 'identity/invalid_totp_code' });
    expect((await agent.get('/v1/overview')).status).toBe(403);

    const confirmed = await agent.post('/v1/auth/mfa/totp/confirm', { code: totpCode(setup.secret) });
    expect(confirmed.status).toBe(200);
    expect((await agent.get('/v1/overview')).status).toBe(200);
    const complete = (await (await agent.get('/v1/auth/session')).json()) as SessionBody;
    expect(complete.mfa).toEqual({ required: true, enrolled: true, satisfied: true });
    expect(await auditActions(complete.tenant.id, complete.user.id)).toContain('identity.mfa.enrolled');

    const again = await agent.post('/v1/auth/mfa/totp/setup');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'identity/mfa_already_enrolled' });

    // From now on, sign-in asks for a code.
    await signInFirstStep(new HttpAgent(api.baseUrl), credentials);
  });

  it('refuses a TOTP code used once already (replay), at sign-in and at re-authentication', async () => {
    const { tenantSlug, email, password, totpSecret } = await api.session(['admin']);
    if (!totpSecret) throw new Error('the harness did not enrol the admin');
    const credentials = { tenant: tenantSlug, email, password };
    const code = totpCode(totpSecret);

    const agent = new HttpAgent(api.baseUrl);
    const first = await signInFirstStep(agent, credentials);
    expect((await agent.post('/v1/auth/sign-in/totp', { challenge: first.challenge, code })).status).toBe(200);

    const attacker = new HttpAgent(api.baseUrl);
    const second = await signInFirstStep(attacker, credentials);
    const replay = await attacker.post('/v1/auth/sign-in/totp', { challenge: second.challenge, code });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'identity/invalid_totp_code' });
    expect(attacker.cookie(SESSION_COOKIE)).toBeUndefined();

    agent.csrfToken = ((await (await agent.get('/v1/auth/session')).json()) as SessionBody).csrfToken;
    const reauth = await agent.post('/v1/auth/reauthenticate', { code });
    expect(reauth.status).toBe(403);
    expect(await reauth.json()).toMatchObject({ code: 'identity/reauthentication_failed' });
  });

  it(`kills a challenge after ${SIGN_IN_CHALLENGE_MAX_FAILURES} wrong codes and locks the account after ${LOCKOUT_THRESHOLD}`, async () => {
    const { tenantSlug, email, password, totpSecret } = await api.session(['compliance_officer']);
    if (!totpSecret) throw new Error('the harness did not enrol the officer');
    const credentials = { tenant: tenantSlug, email, password };
    const attacker = new HttpAgent(api.baseUrl);

    const first = await signInFirstStep(attacker, credentials);
    for (let i = 0; i < SIGN_IN_CHALLENGE_MAX_FAILURES; i += 1) {
      const res = await attacker.post('/v1/auth/sign-in/totp', {
        challenge: first.challenge,
        code: wrongCode(totpSecret),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'identity/invalid_totp_code' });
    }
    const dead = await attacker.post('/v1/auth/sign-in/totp', {
      challenge: first.challenge,
      code: totpCode(totpSecret),
    });
    expect(dead.status).toBe(401);
    expect(await dead.json()).toMatchObject({ code: 'identity/mfa_challenge_invalid' });

    // The wrong codes count toward the same lockout as wrong passwords.
    const second = await signInFirstStep(attacker, credentials);
    for (let i = SIGN_IN_CHALLENGE_MAX_FAILURES; i < LOCKOUT_THRESHOLD; i += 1) {
      const res = await attacker.post('/v1/auth/sign-in/totp', {
        challenge: second.challenge,
        code: wrongCode(totpSecret),
      });
      expect(res.status).toBe(401);
    }
    const locked = await attacker.post('/v1/auth/sign-in', credentials);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'identity/account_locked' });
    expect(attacker.cookie(SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses unknown and malformed challenges and codes with a clear 4xx', async () => {
    const agent = new HttpAgent(api.baseUrl);
    const unknown = await agent.post('/v1/auth/sign-in/totp', { challenge: 'x'.repeat(43), code: '123456' });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'identity/mfa_challenge_invalid' });
    const malformed = await agent.post('/v1/auth/sign-in/totp', { challenge: 'x'.repeat(43), code: '12345a' });
    expect(malformed.status).toBe(400);
    const oversized = await agent.post('/v1/auth/sign-in/totp', { challenge: 'x'.repeat(5000), code: '123456' });
    expect(oversized.status).toBe(400);
  });

  it('re-authenticates with the password when TOTP is not enrolled, and with a code when it is', async () => {
    const analyst = await api.session(['analyst']);
    const before = ((await (await analyst.agent.get('/v1/auth/session')).json()) as SessionBody).reauthenticatedAt;
    const withCode = await analyst.agent.post('/v1/auth/reauthenticate', { code: '123456' });
    expect(withCode.status).toBe(400);
    expect(await withCode.json()).toMatchObject({ code: 'identity/reauthentication_factor_mismatch' });
    expect((await analyst.agent.post('/v1/auth/reauthenticate', {})).status).toBe(400);
    const wrong = await analyst.agent.post('/v1/auth/reauthenticate', { password: `${analyst.password}-wrong` });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'identity/reauthentication_failed' });
    const ok = await analyst.agent.post('/v1/auth/reauthenticate', { password: analyst.password });
    expect(ok.status).toBe(200);
    const { reauthenticatedAt } = (await ok.json()) as { reauthenticatedAt: string };
    expect(Date.parse(reauthenticatedAt)).toBeGreaterThan(Date.parse(before));
    const session = (await (await analyst.agent.get('/v1/auth/session')).json()) as SessionBody;
    expect(session.reauthenticatedAt).toBe(reauthenticatedAt);
    const actions = await auditActions(session.tenant.id, session.user.id);
    expect(actions).toContain('identity.reauthentication.failed');
    expect(actions).toContain('identity.reauthenticated');

    const admin = await api.session(['admin']);
    if (!admin.totpSecret) throw new Error('the harness did not enrol the admin');
    const withPassword = await admin.agent.post('/v1/auth/reauthenticate', { password: admin.password });
    expect(withPassword.status).toBe(400);
    expect(await withPassword.json()).toMatchObject({ code: 'identity/reauthentication_factor_mismatch' });
    const byCode = await admin.agent.post('/v1/auth/reauthenticate', { code: totpCode(admin.totpSecret) });
    expect(byCode.status).toBe(200);
  });

  it(`counts wrong re-authentications toward the lockout after ${LOCKOUT_THRESHOLD} failures`, async () => {
    const { agent, tenantSlug, email, password } = await api.session(['analyst']);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i += 1) {
      expect((await agent.post('/v1/auth/reauthenticate', { password: `guess-${i}` })).status).toBe(403);
    }
    const locked = await agent.post('/v1/auth/reauthenticate', { password });
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'identity/account_locked' });
    expect(
      (await new HttpAgent(api.baseUrl).post('/v1/auth/sign-in', { tenant: tenantSlug, email, password })).status,
    ).toBe(429);
  });

  it('refuses a blocklisted new password with 422 and changes nothing', async () => {
    const { agent, tenantSlug, email, password } = await api.session(['analyst']);
    const res = await agent.post('/v1/auth/password', { currentPassword: password, newPassword: 'qwerty123456' });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { field: string; message: string }[] };
    expect(problem.code).toBe('identity/password_rejected');
    expect(problem.errors).toContainEqual({ field: 'newPassword', message: expect.stringContaining('commonly used') });
    expect((await agent.get('/v1/auth/session')).status).toBe(200);
    const fresh = new HttpAgent(api.baseUrl);
    expect((await fresh.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password: 'qwerty123456' })).status).toBe(
      401,
    );
    expect((await fresh.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password })).status).toBe(200);
  });

  it('changes the password, ends the other sessions, and keeps this one', async () => {
    const { agent, tenantSlug, email, password } = await api.session(['analyst']);
    const other = new HttpAgent(api.baseUrl);
    expect((await other.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password })).status).toBe(200);
    const newPassword = 'a quiet walk along the river at dawn';

    const wrongCurrent = await agent.post('/v1/auth/password', { currentPassword: 'not-it', newPassword });
    expect(wrongCurrent.status).toBe(403);
    expect(await wrongCurrent.json()).toMatchObject({ code: 'identity/reauthentication_failed' });

    const changed = await agent.post('/v1/auth/password', { currentPassword: password, newPassword });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ revokedSessions: 1 });
    expect((await agent.get('/v1/auth/session')).status).toBe(200);
    expect((await other.get('/v1/auth/session')).status).toBe(401);

    const fresh = new HttpAgent(api.baseUrl);
    expect((await fresh.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password })).status).toBe(401);
    expect((await fresh.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password: newPassword })).status).toBe(
      200,
    );
    const session = (await (await agent.get('/v1/auth/session')).json()) as SessionBody;
    expect(await auditActions(session.tenant.id, session.user.id)).toContain('identity.password.changed');
  });
});
