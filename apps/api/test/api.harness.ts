import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@platform/config';
import { DatabaseConnector, findFreePort } from '@platform/database';
import { HttpAgent, testConfig } from '@platform/testing';
import { TenantProvisioningService, type Role } from '@domains/identity';
import { createApiApp, ensureDemoTenant, DEMO_TENANT } from '@apps/api';

export interface TestApi {
  readonly baseUrl: string;
  readonly app: NestExpressApplication;
  /** A new tenant with one user holding `roles`, and an agent signed in as that user (novu's UserSession). */
  session(roles: Role[]): Promise<TestSession>;
  close(): Promise<void>;
}

export interface TestSession {
  readonly agent: HttpAgent;
  readonly tenantSlug: string;
  readonly email: string;
  readonly password: string;
}

const DEFAULT_DEMO_PASSWORD = 'verity-demo-passphrase';

/** The demo admin's credentials (the demo tenant is seeded by startTestApi). */
export const demoSignIn = {
  tenant: DEMO_TENANT.slug,
  email: 'admin@demo.verity.local',
  password: DEFAULT_DEMO_PASSWORD,
} as const;

/** Boots the real api on a free port against the run's database, with the demo tenant seeded and the UI served. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const port = await findFreePort();
  const config: AppConfig = testConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD,
    ...overrides,
  });
  const app = await createApiApp({ config });
  await app.listen(port, '127.0.0.1');
  await app.get(DatabaseConnector).whenConnected();
  await ensureDemoTenant(app);
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    app,
    async session(roles) {
      const tenantSlug = `t-${randomBytes(5).toString('hex')}`;
      const email = `${roles.join('-').replace(/_/g, '-')}@${tenantSlug}.test`;
      const password = `pw-${randomBytes(12).toString('hex')}`;
      await app.get(TenantProvisioningService).provision({
        slug: tenantSlug,
        name: `Tenant ${tenantSlug}`,
        users: [{ email, displayName: `User ${roles.join(' ')}`, password, roles }],
      });
      const agent = new HttpAgent(baseUrl);
      const res = await agent.post('/v1/auth/sign-in', { tenant: tenantSlug, email, password });
      if (res.status !== 200) throw new Error(`test session sign-in failed: ${res.status} ${await res.text()}`);
      agent.csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
      return { agent, tenantSlug, email, password };
    },
    close: () => app.close(),
  };
}
