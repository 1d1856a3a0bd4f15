import type { INestApplicationContext } from '@nestjs/common';
import { TenantContext, TransactionRunner } from '@platform/database';
import { APPROVAL_REQUESTER, UserRepository, type ApprovalRequester, type UserPrincipal } from '@domains/identity';
import { AlertIntakeService } from '../intake/alert-intake.service.js';
import { CaseRepository } from './case.repository.js';
import { CaseService } from './case.service.js';

/** The approve call of approvals' ApprovalService (passed in: cases does not depend on the approvals domain). */
export interface DemoApprover {
  approve(principal: UserPrincipal, id: string, contentHash: string): Promise<unknown>;
}

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
 * Demo cases, through the real services: one escalated from demo alerts by the analyst, with a note, closed as
 * `sar_needed` with the officer's approval (so reporting has a case that needs a report), and one open case under
 * investigation. Does nothing when the tenant already has cases.
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
  let alertIds = await transactions.run((tx) => repository.openAlertIds(tx, tenantId, 3), { tenantId });
  if (alertIds.length === 0) {
    await TenantContext.run(tenantId, () => app.get(AlertIntakeService).runOnce(tenantId));
    alertIds = await transactions.run((tx) => repository.openAlertIds(tx, tenantId, 3), { tenantId });
  }
  const analyst = await demoPrincipal(app, tenantId, 'analyst@demo.verity.local');
  const officer = await demoPrincipal(app, tenantId, 'officer@demo.verity.local');
  const cases = app.get(CaseService);
  const requester = app.get<ApprovalRequester>(APPROVAL_REQUESTER);

  await TenantContext.run(tenantId, async () => {
    const reported = await cases.create(analyst, {
      title: 'Structured cash deposits followed by an outbound wire',
      description: 'Escalated from transaction monitoring alerts.',
      priority: 'high',
      alertIds: alertIds.slice(0, 2),
    });
    await cases.update(analyst, reported.id, { status: 'investigating' });
    await cases.addNote(
      analyst,
      reported.id,
      'Deposits just under the reporting threshold on consecutive days, then one wire abroad. Customer could not explain the source of funds.',
    );
    const { approval } = await cases.requestClose(
      analyst,
      reported.id,
      {
        disposition: 'sar_needed',
        summary:
          'Pattern consistent with structuring; no plausible economic purpose. A suspicious activity report is needed.',
        jurisdiction: 'US',
        suspectIdentified: true,
      },
      requester,
    );
    await approver.approve(officer, approval.id, approval.contentHash);

    const open = await cases.create(analyst, {
      title: 'Counterparty with adverse media',
      priority: 'medium',
      alertIds: alertIds.slice(2, 3),
    });
    await cases.update(analyst, open.id, { status: 'investigating', assigneeId: analyst.userId });
    await cases.addNote(analyst, open.id, 'Waiting for the customer’s answer to our request for information.');
  });
}
