import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent } from '@platform/testing';
import { LOCKOUT_THRESHOLD, SESSION_COOKIE } from '@domains/identity';
import { demoSignIn, startTestApi, totpCode, type TestApi } from '@apps/api/testing';

describe('sign-in and sessions (composed api over real HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('signs the demo admin in with an httpOnly, Secure, SameSite=Strict session cookie', async () => {
    const agent = new HttpAgent(api.baseUrl);
    // The demo admin has TOTP enrolled: the password alone yields a challenge, the code the session.
    const first = await agent.post('/v1/auth/sign-in', demoSignIn);
    expect(first.status).toBe(200);
    const { challenge } = (await first.json()) as { challenge: string };
    const res = await agent.post('/v1/auth/sign-in/totp', { challenge, code: totpCode(demoSignIn.totpSecret) });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = (await res.json()) as { tenant: { name: string }; user: { roles: string[] }; csrfToken: string };
    expect(session.tenant.name).toBe('Demo Payments');
    expect(session.user.roles).toEqual(['admin']);

    const overview = await agent.get('/v1/overview');
    expect(overview.status).toBe(200);
    expect(await overview.json()).toMatchObject({
      tenant: { slug: 'demo', name: 'Demo Payments' },
      system: { database: 'up' },
    });
  });

  it('refuses wrong credentials without saying which part was wrong', async () => {
    const agent = new HttpAgent(api.baseUrl);
    const wrongPassword = await agent.post('/v1/auth/sign-in', { ...demoSignIn, password: 'not-the-password' });
    const unknownTenant = await agent.post('/v1/auth/sign-in', { ...demoSignIn, tenant: 'no-such-tenant' });
    const unknownEmail = await agent.post('/v1/auth/sign-in', { ...demoSignIn, email: 'nobody@demo.verity.local' });
    for (const res of [wrongPassword, unknownTenant, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        code: 'identity/invalid_credentials',
        detail: 'Wrong tenant, email or password',
      });
    }
    expect(agent.cookie(SESSION_COOKIE)).toBeUndefined();
  });

  it('answers 401 to a request without a session', async () => {
    const res = await new HttpAgent(api.baseUrl).get('/v1/overview');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'identity/unauthenticated' });
  });

  it('requires the CSRF token for a cookie-authenticated change', async () => {
    const { agent } = await api.session(['analyst']);
    const token = agent.csrfToken;
    agent.csrfToken = undefined;
    const forged = await agent.post('/v1/auth/sign-out');
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: 'identity/csrf_token_invalid' });
    expect((await agent.get('/v1/overview')).status).toBe(200);
    agent.csrfToken = token;
    expect((await agent.post('/v1/auth/sign-out')).status).toBe(204);
  });

  it('revokes the session at sign-out, so a copied cookie stops working', async () => {
    const { agent } = await api.session(['auditor']);
    const stolen = new HttpAgent(api.baseUrl);
    const cookieHeader = { cookie: `${SESSION_COOKIE}=${agent.cookie(SESSION_COOKIE) ?? ''}` };
    expect((await stolen.get('/v1/overview', cookieHeader)).status).toBe(200);
    expect((await agent.post('/v1/auth/sign-out')).status).toBe(204);
    expect((await stolen.get('/v1/overview', cookieHeader)).status).toBe(401);
  });

  it('issues a new session token at every sign-in (no session fixation)', async () => {
    const { agent, tenantSlug, email, password } = await api.session(['analyst']);
    const before = agent.cookie(SESSION_COOKIE);
    expect((await agent.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password })).status).toBe(200);
    expect(agent.cookie(SESSION_COOKIE)).not.toBe(before);
  });

  it(`locks the account after ${LOCKOUT_THRESHOLD} failures, even for the right password`, async () => {
    const { tenantSlug, email, password } = await api.session(['analyst']);
    const attacker = new HttpAgent(api.baseUrl);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i += 1) {
      const res = await attacker.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password: `guess-${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await attacker.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password });
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'identity/account_locked' });
  });
});
