import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@platform/config';
import { DatabaseConnector, findFreePort } from '@platform/database';
import { HttpAgent, testConfig } from '@platform/testing';
import { TenantProvisioningService, TenantRepository, totpCode as totpCodeAt, type Role } from '@domains/identity';
import { createApiApp, ensureDemoTenant, DEMO_TENANT } from '@apps/api';

export interface TestApi {
  readonly baseUrl: string;
  readonly app: NestExpressApplication;
  /** A new tenant with one user holding `roles`, and an agent signed in as that user (novu's UserSession). */
  session(roles: Role[]): Promise<TestSession>;
  /** Another user holding `roles` in an existing tenant (e.g. a second admin for four-eyes), signed in. */
  sessionInTenant(tenantSlug: string, roles: Role[]): Promise<TestSession>;
  close(): Promise<void>;
}

export interface TestSession {
  readonly agent: HttpAgent;
  readonly tenantSlug: string;
  readonly email: string;
  readonly password: string;
  /**
   * The user's TOTP secret when their roles require MFA (the harness enrolled it and completed the session with a code
   * of the previous 30-second step, so `totpCode(secret)` is still unused and accepted once).
   */
  readonly totpSecret?: string;
}

const DEFAULT_DEMO_PASSWORD = 'verity-demo-passphrase';
/** DEMO_TOTP_SECRET's default: the demo admins' and officer's authenticator (see demo.seeder.ts). */
const DEFAULT_DEMO_TOTP_SECRET = 'VERITYDEMOSECRETNOTFORPRODUCTION';

/**
 * The current 6-digit TOTP code for a secret; `stepOffset` -1 or +1 gives the previous or next 30-second step's code
 * (both still accepted), for a test that needs two fresh codes within one step (a code is accepted only once).
 */
export function totpCode(secret: string, stepOffset = 0): string {
  return totpCodeAt(secret, Date.now() + stepOffset * 30_000);
}

export interface DemoSignIn {
  readonly tenant: string;
  readonly email: string;
  readonly password: string;
  /** The demo admins' and officer's TOTP secret (the analysts and the auditor sign in with a password only). */
  readonly totpSecret: string;
  /** The sign-in body: tenant, email and password, without the TOTP secret (so `post(..., demoSignIn)` works). */
  toJSON(): { tenant: string; email: string; password: string };
}

/**
 * The demo admin's credentials (the demo tenant is seeded by startTestApi). The admin has TOTP enrolled: signing in
 * answers `mfa_required`, then `POST /v1/auth/sign-in/totp` with `totpCode(demoSignIn.totpSecret)`. Spreading it
 * (`{ ...demoSignIn, email }`) keeps `toJSON`, which serialises the copy's own tenant, email and password.
 */
export const demoSignIn: DemoSignIn = {
  tenant: DEMO_TENANT.slug,
  email: 'admin@demo.verity.local',
  password: DEFAULT_DEMO_PASSWORD,
  totpSecret: DEFAULT_DEMO_TOTP_SECRET,
  toJSON(this: DemoSignIn) {
    return { tenant: this.tenant, email: this.email, password: this.password };
  },
};

/**
 * Completes a session whose roles require MFA: sets up TOTP and confirms it with the previous step's code (retried
 * once, should a step boundary pass in between). Returns the secret.
 */
async function enrolTotp(agent: HttpAgent): Promise<string> {
  const setup = await agent.post('/v1/auth/mfa/totp/setup');
  if (setup.status !== 200) throw new Error(`test session TOTP setup failed: ${setup.status} ${await setup.text()}`);
  const { secret } = (await setup.json()) as { secret: string };
  for (let attempt = 0; ; attempt += 1) {
    const confirm = await agent.post('/v1/auth/mfa/totp/confirm', { code: totpCode(secret, -1) });
    if (confirm.status === 200) return secret;
    if (attempt > 0) throw new Error(`test session TOTP confirm failed: ${confirm.status} ${await confirm.text()}`);
  }
}

/** Boots the real api on a free port against the run's database, with the demo tenant seeded and the UI served. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const port = await findFreePort();
  const config: AppConfig = testConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD,
    DEMO_TOTP_SECRET: DEFAULT_DEMO_TOTP_SECRET,
    ...overrides,
  });
  const app = await createApiApp({ config });
  await app.listen(port, '127.0.0.1');
  await app.get(DatabaseConnector).whenConnected();
  await ensureDemoTenant(app);
  const baseUrl = `http://127.0.0.1:${port}`;
  /** Adds a user with `roles` to the tenant and signs them in. */
  const signInNewUser = async (tenantSlug: string, email: string, roles: Role[]): Promise<TestSession> => {
    const tenant = await app.get(TenantRepository).findBySlug(tenantSlug);
    if (!tenant) throw new Error(`test session: no tenant ${tenantSlug}`);
    const password = `pw-${randomBytes(12).toString('hex')}`;
    await app
      .get(TenantProvisioningService)
      .ensureUser(tenant.id, { email, displayName: `User ${roles.join(' ')}`, password, roles });
    const agent = new HttpAgent(baseUrl);
    const res = await agent.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password });
    if (res.status !== 200) throw new Error(`test session sign-in failed: ${res.status} ${await res.text()}`);
    const session = (await res.json()) as { csrfToken: string; mfa: { required: boolean; satisfied: boolean } };
    agent.csrfToken = session.csrfToken;
    // A role that requires MFA gets a session limited to enrolment: enrol, which makes the same session complete.
    const totpSecret = session.mfa.required && !session.mfa.satisfied ? await enrolTotp(agent) : undefined;
    return { agent, tenantSlug, email, password, totpSecret };
  };
  const roleName = (roles: Role[]): string => roles.join('-').replace(/_/g, '-') || 'no-role';
  return {
    baseUrl,
    app,
    async session(roles) {
      const tenantSlug = `t-${randomBytes(5).toString('hex')}`;
      await app.get(TenantProvisioningService).provision({ slug: tenantSlug, name: `Tenant ${tenantSlug}`, users: [] });
      return signInNewUser(tenantSlug, `${roleName(roles)}@${tenantSlug}.test`, roles);
    },
    sessionInTenant(tenantSlug, roles) {
      return signInNewUser(
        tenantSlug,
        `${roleName(roles)}-${randomBytes(3).toString('hex')}@${tenantSlug}.test`,
        roles,
      );
    },
    close: () => app.close(),
  };
}
