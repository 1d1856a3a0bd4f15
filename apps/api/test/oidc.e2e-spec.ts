import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '@platform/config';
import { TenantContext, TransactionRunner, findFreePort } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { AuditEntryRepository, AuditLogRepository, AuditReader } from '@domains/audit';
import {
  SESSION_COOKIE,
  TenantProvisioningService,
  TotpService,
  UserRepository,
  generateTotpSecret,
  totpCode,
} from '@domains/identity';
import { startTestApi, type TestApi } from '@apps/api/testing';

const STATE_COOKIE = 'verity_oidc';

/** Claims of the provider's accounts, by account id (the ID token's `sub`). */
type Accounts = Map<string, { email?: string; email_verified?: boolean; name?: string }>;

interface TestProvider {
  readonly issuer: string;
  close(): Promise<void>;
}

/**
 * An OpenID Connect provider (oidc-provider) on a free localhost port, with one confidential client registered for
 * the api's callback. Its login page is replaced by a minimal interaction the test drives through the URL:
 * `?account=<id>` signs that account in (and consents), `&amr=pwd,mfa` sets the authentication methods it reports,
 * `?cancel=1` ends the attempt with access_denied. Plain http works because oidc-provider only marks its cookies
 * Secure when the request is (no `proxy` setting needed for a direct connection).
 */
async function startTestProvider(
  port: number,
  client: { clientId: string; clientSecret: string; redirectUri: string },
  accounts: Accounts,
): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount(_ctx: unknown, sub: string) {
      const claims = accounts.get(sub);
      return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
    },
    // Like most providers, this one reports how the person authenticated (`amr`) in every ID token; the email claims
    // come from its UserInfo endpoint (OIDC Core 5.4 for the code flow), which the api falls back to.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
  });

  const interact = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', issuer);
    const details = await provider.interactionDetails(req, res);
    if (url.searchParams.has('cancel')) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person cancelled' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const accountId = url.searchParams.get('account') ?? '';
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope ?? 'openid');
    const grantId = await grant.save();
    const amr = (url.searchParams.get('amr') ?? 'pwd').split(',');
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId, amr }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  const handle = provider.callback();
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interact(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

describe('single sign-on through an OpenID Connect provider (composed api, provider started by the test)', () => {
  let api: TestApi;
  let idp: TestProvider;
  let redirectUri: string;
  let tenantId: string;
  const tenantSlug = `sso-${randomBytes(4).toString('hex')}`;
  const accounts: Accounts = new Map();
  const userIds = new Map<string, string>();
  const officerTotpSecret = generateTotpSecret();

  const emailOf = (name: string): string => `${name}@${tenantSlug}.test`;

  /** Sessions of the user in the database: what "nothing was created" is checked against. */
  const sessionCount = async (name: string): Promise<number> => {
    const rows: { n: number }[] = await api.app
      .get(TransactionRunner)
      .run(
        (tx) => tx.query('SELECT count(*)::int AS n FROM identity_sessions WHERE user_id = $1', [userIds.get(name)]),
        {
          tenantId,
        },
      );
    return rows[0]?.n ?? -1;
  };

  /** The tenant's ledger entries about one subject, decoded (no worker runs here, so they are all unsequenced). */
  const ledgerAbout = async (subjectId: string): Promise<{ action: string; payload: unknown }[]> => {
    const log = await TenantContext.run(tenantId, () => api.app.get(AuditLogRepository).findByTenant(tenantId));
    if (!log) return [];
    const stored = await api.app
      .get(TransactionRunner)
      .run((tx) => api.app.get(AuditEntryRepository).findUnsequenced(log.id, 10_000, tx), { tenantId });
    const entries = await TenantContext.run(tenantId, () => api.app.get(AuditReader).decodeEntries(tenantId, stored));
    return entries.filter((e) => e.subject.id === subjectId).map((e) => ({ action: e.action, payload: e.payload }));
  };

  /**
   * What a browser does: /v1/auth/oidc/start, then the provider's redirects (signing `account` in at its login step),
   * until the provider sends it back to the api's callback. Returns the callback's path and query, not yet visited.
   */
  const signInAtProvider = async (
    browser: HttpAgent,
    account: string,
    options: { amr?: string; cancel?: boolean } = {},
  ): Promise<string> => {
    const start = await browser.get('/v1/auth/oidc/start');
    expect(start.status).toBe(302);
    let location = new URL(start.headers.get('location') ?? '');
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    const atProvider = new HttpAgent(idp.issuer);
    for (let hop = 0; hop < 10; hop += 1) {
      if (location.href.startsWith(redirectUri)) return `${location.pathname}${location.search}`;
      if (location.pathname.startsWith('/interaction/')) {
        if (options.cancel) location.searchParams.set('cancel', '1');
        else location.searchParams.set('account', account);
        if (options.amr) location.searchParams.set('amr', options.amr);
      }
      const res = await atProvider.get(location.href);
      if (res.status !== 302 && res.status !== 303) {
        throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
      }
      location = new URL(res.headers.get('location') ?? '', location);
    }
    throw new Error('the provider never sent the browser back to the callback');
  };

  const expectRefused = async (res: Response, code: string, browser: HttpAgent): Promise<void> => {
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/sign-in?error=${code}`);
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect((await browser.get('/v1/auth/session')).status).toBe(401);
  };

  beforeAll(async () => {
    const idpPort = await findFreePort();
    const client = { clientId: 'verity-e2e', clientSecret: randomBytes(24).toString('base64url') };
    api = await startTestApi({
      OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
      OIDC_CLIENT_ID: client.clientId,
      OIDC_CLIENT_SECRET: client.clientSecret,
      OIDC_TENANT: tenantSlug,
      OIDC_DISPLAY_NAME: 'Test IdP',
    });
    // The default redirect URL: http://localhost:<PORT>/v1/auth/oidc/callback.
    redirectUri = `http://localhost:${api.app.get(AppConfig).values.PORT}/v1/auth/oidc/callback`;
    idp = await startTestProvider(idpPort, { ...client, redirectUri }, accounts);

    const users = ['analyst', 'unverified', 'disabled', 'officer'];
    const tenant = await api.app.get(TenantProvisioningService).provision({
      slug: tenantSlug,
      name: 'Single sign-on tenant',
      users: users.map((name) => ({
        email: emailOf(name),
        displayName: name,
        password: `pw-${randomBytes(12).toString('hex')}`,
        roles: [name === 'officer' ? 'compliance_officer' : 'analyst'],
      })),
    });
    tenantId = tenant.id;
    for (const name of users) {
      const user = await TenantContext.run(tenantId, () =>
        api.app.get(UserRepository).findByEmail(tenantId, emailOf(name)),
      );
      if (!user) throw new Error(`provisioned user ${name} not found`);
      userIds.set(name, user.id);
    }
    await api.app.get(TotpService).enrolProvisioned(tenantId, userIds.get('officer') ?? '', officerTotpSecret);
    await api.app
      .get(TransactionRunner)
      .run((tx) => api.app.get(UserRepository).setDisabledAt(tx, tenantId, userIds.get('disabled') ?? '', new Date()), {
        tenantId,
      });

    // The provider's accounts: their ids differ from Verity's user ids, as they would at a real provider.
    accounts.set('idp-analyst', { email: emailOf('analyst').toUpperCase(), email_verified: true, name: 'Ana' });
    accounts.set('idp-stranger', { email: emailOf('stranger'), email_verified: true });
    accounts.set('idp-unverified', { email: emailOf('unverified'), email_verified: false });
    accounts.set('idp-disabled', { email: emailOf('disabled'), email_verified: true });
    accounts.set('idp-officer', { email: emailOf('officer'), email_verified: true });
    accounts.set('idp-no-email', {});
  });

  afterAll(async () => {
    await api?.close();
    await idp?.close();
  });

  it('tells the sign-in page that single sign-on is on, and the name for its button', async () => {
    const res = await new HttpAgent(api.baseUrl).get('/v1/auth/oidc');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ enabled: true, displayName: 'Test IdP' });
  });

  it('signs in an existing user whose verified email the provider vouches for, with a working session', async () => {
    const browser = new HttpAgent(api.baseUrl);
    const callback = await signInAtProvider(browser, 'idp-analyst');
    const stateCookie = browser.cookie(STATE_COOKIE);
    expect(stateCookie).toBeDefined();

    const res = await browser.get(callback);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(browser.cookie(STATE_COOKIE)).toBeUndefined();

    const current = await browser.get('/v1/auth/session');
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({
      user: { email: emailOf('analyst'), roles: ['analyst'] },
      tenant: { slug: tenantSlug },
    });
    expect(await sessionCount('analyst')).toBe(1);
    expect(await ledgerAbout(userIds.get('analyst') ?? '')).toContainEqual({
      action: 'identity.sign_in.succeeded',
      payload: expect.objectContaining({ method: 'oidc', issuer: idp.issuer, subject: 'idp-analyst' }),
    });
  });

  it('keeps the sign-in state in a short-lived httpOnly SameSite=Lax cookie for the OIDC routes only', async () => {
    const res = await new HttpAgent(api.baseUrl).get('/v1/auth/oidc/start');
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${STATE_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/v1\/auth\/oidc(;|$)/i);
    expect(cookie).toMatch(/Max-Age=600(;|$)/i);
    const authorization = new URL(res.headers.get('location') ?? '');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('code_challenge')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(redirectUri);
  });

  it('accepts a callback URL once: a second visit, even with the original state cookie, creates nothing', async () => {
    const before = await sessionCount('analyst');
    const browser = new HttpAgent(api.baseUrl);
    const callback = await signInAtProvider(browser, 'idp-analyst');
    const stateCookie = browser.cookie(STATE_COOKIE) ?? '';
    expect((await browser.get(callback)).headers.get('location')).toBe('/');
    expect(await sessionCount('analyst')).toBe(before + 1);

    // The same browser again: its state cookie was cleared by the first visit.
    expect(browser.cookie(STATE_COOKIE)).toBeUndefined();
    expect((await browser.get(callback)).headers.get('location')).toBe('/sign-in?error=oidc_expired');
    // Someone who copied both the URL and the state cookie: the provider redeems a code once.
    const replayer = new HttpAgent(api.baseUrl);
    const replay = await replayer.get(callback, { cookie: `${STATE_COOKIE}=${stateCookie}` });
    await expectRefused(replay, 'oidc_failed', replayer);
    expect(await sessionCount('analyst')).toBe(before + 1);
  });

  it('refuses an answer whose state was tampered with, or that arrives in another browser', async () => {
    const before = await sessionCount('analyst');
    const browser = new HttpAgent(api.baseUrl);
    const callback = await signInAtProvider(browser, 'idp-analyst');
    const tampered = new URL(callback, api.baseUrl);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state') ?? ''}x`);
    await expectRefused(await browser.get(`${tampered.pathname}${tampered.search}`), 'oidc_expired', browser);

    // Login CSRF: an attacker's own valid answer, planted in a victim's browser that never started a sign-in.
    const attacker = new HttpAgent(api.baseUrl);
    const planted = await signInAtProvider(attacker, 'idp-analyst');
    const victim = new HttpAgent(api.baseUrl);
    await expectRefused(await victim.get(planted), 'oidc_expired', victim);

    // A forged state cookie does not open either.
    const forger = new HttpAgent(api.baseUrl);
    const forged = await signInAtProvider(forger, 'idp-analyst');
    const sealed = forger.cookie(STATE_COOKIE) ?? '';
    const flipped = `${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`;
    const res = await new HttpAgent(api.baseUrl).get(forged, { cookie: `${STATE_COOKIE}=${flipped}` });
    expect(res.headers.get('location')).toBe('/sign-in?error=oidc_expired');
    expect(await sessionCount('analyst')).toBe(before);
  });

  it('never creates users: an email unknown to the tenant is refused', async () => {
    const browser = new HttpAgent(api.baseUrl);
    const callback = await signInAtProvider(browser, 'idp-stranger');
    await expectRefused(await browser.get(callback), 'oidc_no_account', browser);
    expect(await ledgerAbout(tenantId)).toContainEqual({
      action: 'identity.sign_in.failed',
      payload: expect.objectContaining({ reason: 'unknown_email', method: 'oidc', subject: 'idp-stranger' }),
    });
    const found = await TenantContext.run(tenantId, () =>
      api.app.get(UserRepository).findByEmail(tenantId, emailOf('stranger')),
    );
    expect(found).toBeNull();
  });

  it('refuses an email the provider has not verified, a user without email, and a disabled user', async () => {
    for (const account of ['idp-unverified', 'idp-no-email', 'idp-disabled']) {
      const browser = new HttpAgent(api.baseUrl);
      const callback = await signInAtProvider(browser, account);
      await expectRefused(await browser.get(callback), 'oidc_no_account', browser);
    }
    expect(await sessionCount('unverified')).toBe(0);
    expect(await sessionCount('disabled')).toBe(0);
  });

  it('sends the person back with oidc_cancelled when they cancel at the provider', async () => {
    const browser = new HttpAgent(api.baseUrl);
    const callback = await signInAtProvider(browser, 'idp-analyst', { cancel: true });
    await expectRefused(await browser.get(callback), 'oidc_cancelled', browser);
  });

  it('asks a user with TOTP for a code when the provider did no MFA, and trusts MFA done by the provider', async () => {
    const browser = new HttpAgent(api.baseUrl);
    const res = await browser.get(await signInAtProvider(browser, 'idp-officer', { amr: 'pwd' }));
    expect(res.status).toBe(302);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/sign-in#mfa_challenge=[A-Za-z0-9_-]+$/);
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(await sessionCount('officer')).toBe(0);

    const challenge = decodeURIComponent(location.split('=')[1] ?? '');
    const totp = await browser.post('/v1/auth/sign-in/totp', { challenge, code: totpCode(officerTotpSecret) });
    expect(totp.status).toBe(200);
    expect((await browser.get('/v1/auth/session')).status).toBe(200);

    const withMfa = new HttpAgent(api.baseUrl);
    const direct = await withMfa.get(await signInAtProvider(withMfa, 'idp-officer', { amr: 'pwd,mfa' }));
    expect(direct.headers.get('location')).toBe('/');
    expect((await withMfa.get('/v1/auth/session')).status).toBe(200);
    expect(await sessionCount('officer')).toBe(2);
  });
});

describe('single sign-on while the OIDC provider is unreachable', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Nothing listens on this port: discovery fails, yet the api starts (discovery happens on first use).
    api = await startTestApi({
      OIDC_ISSUER: `http://127.0.0.1:${await findFreePort()}`,
      OIDC_CLIENT_ID: 'verity-e2e',
      OIDC_CLIENT_SECRET: randomBytes(24).toString('base64url'),
      OIDC_TENANT: 'demo',
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('sends the browser back to the sign-in page with oidc_unavailable, without a state cookie', async () => {
    const browser = new HttpAgent(api.baseUrl);
    expect(await (await browser.get('/v1/auth/oidc')).json()).toEqual({ enabled: true, displayName: 'single sign-on' });
    const res = await browser.get('/v1/auth/oidc/start');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sign-in?error=oidc_unavailable');
    expect(browser.cookie(STATE_COOKIE)).toBeUndefined();
  });
});

describe('single sign-on when no OIDC provider is configured', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('hides the button and answers 404 problem+json on the OIDC routes', async () => {
    const agent = new HttpAgent(api.baseUrl);
    expect(await (await agent.get('/v1/auth/oidc')).json()).toEqual({ enabled: false, displayName: null });
    for (const path of ['/v1/auth/oidc/start', '/v1/auth/oidc/callback?code=x&state=y']) {
      const res = await agent.get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ code: 'identity/oidc_not_configured' });
    }
  });
});
