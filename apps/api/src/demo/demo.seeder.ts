import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TenantContext } from '@platform/database';
import {
  APPROVAL_REQUESTER,
  ApiKeyService,
  TenantProvisioningService,
  TenantRepository,
  TotpService,
  UserAdminService,
  UserRepository,
  type ApprovalRequester,
} from '@domains/identity';
import { seedScreeningDemo } from '@domains/screening';
import { seedCustomersDemo } from '@domains/customers';
import { seedMonitoringDemo } from '@domains/monitoring';
import { AlertIntakeService, seedCasesDemo } from '@domains/cases';
import { ApprovalService } from '@domains/approvals';
import { seedReportingDemo } from '@domains/reporting';

export const DEMO_TENANT = { slug: 'demo', name: 'Demo Payments' } as const;

/** The demo staff: one user per role a person signs in with, so every screen can be tried. */
export function demoUsers(password: string): {
  email: string;
  displayName: string;
  password: string;
  roles: ('admin' | 'compliance_officer' | 'analyst' | 'auditor')[];
}[] {
  return [
    { email: 'admin@demo.verity.local', displayName: 'Ada Admin', password, roles: ['admin'] },
    // A second admin, so a role change requested by one can be approved by the other (four-eyes).
    { email: 'admin2@demo.verity.local', displayName: 'Grace Admin', password, roles: ['admin'] },
    { email: 'officer@demo.verity.local', displayName: 'Olivia Officer', password, roles: ['compliance_officer'] },
    // A second officer, so a report drafted by one can be approved by the other (four-eyes).
    { email: 'officer2@demo.verity.local', displayName: 'Omar Officer', password, roles: ['compliance_officer'] },
    { email: 'analyst@demo.verity.local', displayName: 'Arjun Analyst', password, roles: ['analyst'] },
    { email: 'analyst2@demo.verity.local', displayName: 'Beatriz Analyst', password, roles: ['analyst'] },
    { email: 'auditor@demo.verity.local', displayName: 'Aiko Auditor', password, roles: ['auditor'] },
  ];
}

export type DemoSeedOutcome = 'seeded' | 'skipped_existing_tenants' | 'disabled';

/**
 * Seeds the demo tenant when the database has no tenant at all (a fresh install), and never otherwise: running it
 * again, or against a database that already serves real tenants, changes nothing.
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoSeedOutcome> {
  const config = app.get(AppConfig);
  if (!config.values.SEED_DEMO) return 'disabled';
  const provisioning = app.get(TenantProvisioningService);
  if ((await provisioning.countTenants()) > 0) return 'skipped_existing_tenants';
  try {
    await provisionDemo(app);
  } catch (error) {
    // Two processes seeding at once: the loser hits the unique slug and the winner's seed stands.
    if (await app.get(TenantRepository).findBySlug(DEMO_TENANT.slug)) return 'skipped_existing_tenants';
    throw error;
  }
  return 'seeded';
}

/** Makes sure the demo tenant exists whatever else the database holds (tests and `npm run seed -- --force`). */
export async function ensureDemoTenant(app: INestApplicationContext): Promise<void> {
  if (await app.get(TenantRepository).findBySlug(DEMO_TENANT.slug)) return;
  await provisionDemo(app);
}

/** The demo tenant, its staff, and an integration key (DEMO_API_KEY) for calling the API at once. */
async function provisionDemo(app: INestApplicationContext): Promise<void> {
  const config = app.get(AppConfig);
  const tenant = await app
    .get(TenantProvisioningService)
    .provision({ ...DEMO_TENANT, users: demoUsers(config.values.DEMO_PASSWORD) });
  await app.get(ApiKeyService).create(tenant.id, {
    role: 'integration',
    name: 'Demo integration key',
    secretOverride: config.values.DEMO_API_KEY,
    actor: { type: 'system', id: 'demo-seed' },
  });
  await enrolDemoAuthenticators(app, tenant.id);
  await requestDemoRoleChange(app, tenant.id);
  // The shipped OFAC and UN lists, imported by the worker, so screening works out of the box.
  await seedScreeningDemo(app, tenant.id);
  // Customers in various KYC states (a PEP, a high-risk country, businesses with related parties).
  await seedCustomersDemo(app, tenant.id);
  // The default AML rules published and the default model as champion (as the system), then a synthetic history
  // decided through the real path, so the transaction explorer and backtests have data.
  await seedMonitoringDemo(app, tenant.id);
  // One alert intake pass so the queues show the demo's review/block decisions, hits and reviews at first start (the
  // worker keeps them coming).
  await app.get(AlertIntakeService).runOnce(tenant.id);
  // A case about named demo customers (Maria Schmidt, Northwind Trading GmbH) and their own transactions, ingested
  // through monitoring, closed as sar_needed with the officer's approval (its report is due), and an open case
  // escalated from demo alerts. Keep after the customers and monitoring demos.
  await seedCasesDemo(app, tenant.id, app.get(ApprovalService));
  // The filing institution, the CTR cash scan over the demo history (Maria Schmidt has a day of cash over $10,000) and
  // a SAR draft from the demo case that needs a report: keep after the cases demo.
  await seedReportingDemo(app, tenant.id);
}

/**
 * The demo users whose roles require MFA (the admins and the officer, by default) get DEMO_TOTP_SECRET enrolled, which
 * `npm start` prints with its otpauth URI for an authenticator app; the others sign in with the password alone.
 */
async function enrolDemoAuthenticators(app: INestApplicationContext, tenantId: string): Promise<void> {
  const config = app.get(AppConfig);
  const totp = app.get(TotpService);
  for (const demoUser of demoUsers(config.values.DEMO_PASSWORD)) {
    if (!totp.isRequiredFor(demoUser.roles)) continue;
    const user = await TenantContext.run(tenantId, () => app.get(UserRepository).findByEmail(tenantId, demoUser.email));
    if (!user) throw new Error(`demo seed: the demo user ${demoUser.email} is missing`);
    await totp.enrolProvisioned(tenantId, user.id, config.values.DEMO_TOTP_SECRET);
  }
}

/**
 * Ada asks for Arjun (analyst) to become a compliance officer too, so Grace's approvals inbox is not empty. Runs
 * only with the rest of the demo, on a fresh tenant: an existing request, approved or not, is never redone.
 */
async function requestDemoRoleChange(app: INestApplicationContext, tenantId: string): Promise<void> {
  const users = app.get(UserRepository);
  const [ada, arjun] = await TenantContext.run(tenantId, () =>
    Promise.all([
      users.findByEmail(tenantId, 'admin@demo.verity.local'),
      users.findByEmail(tenantId, 'analyst@demo.verity.local'),
    ]),
  );
  if (!ada || !arjun) throw new Error('demo seed: the demo admin or analyst is missing');
  await app
    .get(UserAdminService)
    .requestRoleChangeAs(
      tenantId,
      ada.id,
      arjun.id,
      ['analyst', 'compliance_officer'],
      app.get<ApprovalRequester>(APPROVAL_REQUESTER),
    );
}
