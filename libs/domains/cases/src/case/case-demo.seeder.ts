import type { INestApplicationContext } from '@nestjs/common';
import { TenantContext, TransactionRunner } from '@platform/database';
import { APPROVAL_REQUESTER, UserRepository, type ApprovalRequester, type UserPrincipal } from '@domains/identity';
import {
  TransactionDecisionService,
  TransactionQueryService,
  type IngestionAnswer,
  type IngestionCaller,
} from '@domains/monitoring';
import { AlertIntakeService } from '../intake/alert-intake.service.js';
import { CaseRepository } from './case.repository.js';
import { CaseService } from './case.service.js';

/** The approve call of approvals' ApprovalService (passed in: cases does not depend on the approvals domain). */
export interface DemoApprover {
  approve(principal: UserPrincipal, id: string, contentHash: string): Promise<unknown>;
}

/** The customers demo's references (customers-demo.seeder.ts) of the reported case's subjects and their accounts. */
const MARIA = { customerRef: 'demo-cust-0001', accountRef: 'DE75512108001245126199', name: 'Maria Schmidt' };
const NORTHWIND = {
  customerRef: 'demo-biz-0001',
  accountRef: 'DE02120300000000202051',
  name: 'Northwind Trading GmbH',
};

interface DemoMovement {
  readonly id: string;
  readonly of: typeof MARIA | typeof NORTHWIND;
  /** Days before the seed's day (UTC), and the UTC hour: daytime in New York and in Europe, one business day in both. */
  readonly daysAgo: number;
  readonly hour: number;
  readonly direction: 'in' | 'out';
  readonly channel: 'cash' | 'internal' | 'wire';
  /** US dollars, in cents. */
  readonly cents: number;
  readonly counterparty: { name: string; iban?: string; country?: string };
}

/** A cash deposit of Maria's at the branch. */
function deposit(id: string, daysAgo: number, hour: number, cents: number): DemoMovement {
  const branch = { name: 'Cash deposit, Demo Payments branch', country: 'US' };
  return { id, of: MARIA, daysAgo, hour, direction: 'in', channel: 'cash', cents, counterparty: branch };
}

/**
 * The reported case's story: Maria Schmidt deposits cash just under $10,000 on consecutive days, then twice in one day
 * for $11,500 (over the CTR threshold: the reporting demo's cash scan drafts a CTR for it), moves the money to Northwind
 * Trading GmbH, which wires it on to a trading company in the UAE the next day.
 */
const REPORTED_MOVEMENTS: readonly DemoMovement[] = [
  deposit('demo-case-0001', 13, 15, 950_000),
  deposit('demo-case-0002', 12, 15, 940_000),
  deposit('demo-case-0003', 11, 15, 970_000),
  deposit('demo-case-0004', 10, 14, 620_000),
  deposit('demo-case-0005', 10, 17, 530_000),
  {
    id: 'demo-case-0006',
    of: MARIA,
    daysAgo: 8,
    hour: 14,
    direction: 'out',
    channel: 'internal',
    cents: 3_800_000,
    counterparty: { name: NORTHWIND.name, iban: NORTHWIND.accountRef, country: 'DE' },
  },
  {
    id: 'demo-case-0007',
    of: NORTHWIND,
    daysAgo: 8,
    hour: 14,
    direction: 'in',
    channel: 'internal',
    cents: 3_800_000,
    counterparty: { name: MARIA.name, iban: MARIA.accountRef, country: 'DE' },
  },
  {
    id: 'demo-case-0008',
    of: NORTHWIND,
    daysAgo: 7,
    hour: 15,
    direction: 'out',
    channel: 'wire',
    cents: 3_750_000,
    counterparty: { name: 'Golden Crescent General Trading FZE', iban: 'AE070331234567890123456', country: 'AE' },
  },
];

async function demoPrincipal(app: INestApplicationContext, tenantId: string, email: string): Promise<UserPrincipal> {
  const user = await TenantContext.run(tenantId, () => app.get(UserRepository).findByEmail(tenantId, email));
  if (!user) throw new Error(`cases demo: the demo user ${email} is missing`);
  const now = new Date();
  const later = new Date(now.getTime() + 3_600_000);
  return {
    kind: 'user',
    tenantId,
    userId: user.id,
    sessionId: 'demo-seed',
    csrfToken: 'demo-seed',
    roles: user.roles,
    email: user.email,
    displayName: user.displayName,
    expiresAt: later,
    idleExpiresAt: later,
    reauthenticatedAt: now,
    mfa: { required: false, enrolled: false, satisfied: true },
  };
}

/**
 * The reported case's transactions, decided through monitoring's real ingestion path (as the monitoring demo's
 * synthetic history is) under the named customers' references, so they land on those customers' records and open
 * their accounts. Answers the Verity transaction ids and the customers' record ids.
 */
async function ingestReportedMovements(
  app: INestApplicationContext,
  tenantId: string,
): Promise<{ transactionIds: string[]; customerIds: Map<string, string> }> {
  const today = new Date();
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const items = REPORTED_MOVEMENTS.map((m) => ({
    id: m.id,
    customerId: m.of.customerRef,
    accountId: m.of.accountRef,
    direction: m.direction,
    channel: m.channel,
    amount: { value: m.cents, currency: 'USD' },
    bookedAt: new Date(midnight - m.daysAgo * 86_400_000 + m.hour * 3_600_000).toISOString(),
    counterparty: m.counterparty,
    metadata: { demo: 'reported-case' },
  }));
  // The seed is the system, not a person or a key: the audit entries name it so.
  const caller: IngestionCaller = { tenantId, actor: { type: 'system', id: 'demo-seed' } };
  const answer: IngestionAnswer = await app
    .get(TransactionDecisionService)
    .ingest(caller, 'demo-seed-reported-case', 'transactions.batch', items, { transactions: items });
  const { results } = answer.body as { results: { transactionId: string }[] };
  const transactionIds = results.map((r) => r.transactionId);
  const query = app.get(TransactionQueryService);
  const customerIds = new Map<string, string>();
  for (const id of transactionIds) {
    const detail = await query.get(tenantId, id);
    customerIds.set(detail.customerId, detail.customerRecordId);
  }
  return { transactionIds, customerIds };
}

/**
 * Demo cases, through the real services: one about named demo customers (Maria Schmidt and Northwind Trading GmbH of
 * the customers demo, which must run first, with their own transactions), closed as `sar_needed` with the officer's
 * approval — the tenant's only case that needs a report, so reporting (and `verity report examples`) has one with
 * every field the formats need — and one open case under investigation, escalated from demo alerts. Does nothing when
 * the tenant already has cases.
 */
export async function seedCasesDemo(
  app: INestApplicationContext,
  tenantId: string,
  approver: DemoApprover,
): Promise<void> {
  const repository = app.get(CaseRepository);
  const transactions = app.get(TransactionRunner);
  const existing = await transactions.run((tx) => repository.list(tx, tenantId, { limit: 1, offset: 0 }), { tenantId });
  if (existing.total > 0) return;
  let alertIds = await transactions.run((tx) => repository.openAlertIds(tx, tenantId, 1), { tenantId });
  if (alertIds.length === 0) {
    await TenantContext.run(tenantId, () => app.get(AlertIntakeService).runOnce(tenantId));
    alertIds = await transactions.run((tx) => repository.openAlertIds(tx, tenantId, 1), { tenantId });
  }
  const analyst = await demoPrincipal(app, tenantId, 'analyst@demo.verity.local');
  const officer = await demoPrincipal(app, tenantId, 'officer@demo.verity.local');
  const cases = app.get(CaseService);
  const requester = app.get<ApprovalRequester>(APPROVAL_REQUESTER);

  await TenantContext.run(tenantId, async () => {
    const movements = await ingestReportedMovements(app, tenantId);
    const subjects = [MARIA, NORTHWIND].flatMap((c) => {
      const id = movements.customerIds.get(c.customerRef);
      return id ? [{ type: 'customer' as const, id, label: c.name }] : [];
    });
    const reported = await cases.create(analyst, {
      title: 'Structured cash deposits followed by an outbound wire',
      description:
        'Raised by the branch: repeated cash deposits by Maria Schmidt, moved to Northwind Trading GmbH and wired abroad.',
      priority: 'high',
      subjects,
      transactionIds: movements.transactionIds,
    });
    await cases.update(analyst, reported.id, { status: 'investigating' });
    await cases.addNote(
      analyst,
      reported.id,
      'Cash deposits just under the reporting threshold on consecutive days (one day over it, two deposits), then the whole sum moved to Northwind Trading GmbH, which wired it to a trading company in the UAE the next day. The customer could not explain the source of funds.',
    );
    const { approval } = await cases.requestClose(
      analyst,
      reported.id,
      {
        disposition: 'sar_needed',
        summary:
          'Pattern consistent with structuring and layering through a related business; no plausible economic purpose. A suspicious activity report is needed.',
        jurisdiction: 'US',
        suspectIdentified: true,
      },
      requester,
    );
    await approver.approve(officer, approval.id, approval.contentHash);

    const open = await cases.create(analyst, {
      title: 'Counterparty with adverse media',
      priority: 'medium',
      alertIds,
    });
    await cases.update(analyst, open.id, { status: 'investigating', assigneeId: analyst.userId });
    await cases.addNote(analyst, open.id, 'Waiting for the customer’s answer to our request for information.');
  });
}
