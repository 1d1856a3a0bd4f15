import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { AuditLedger } from '@domains/audit';
import { AlertIntakeService } from '../intake/alert-intake.service.js';
import { deadlineStage } from './case-deadline.policy.js';
import type { CaseEntity } from './case.entity.js';
import { CaseRepository } from './case.repository.js';

const SYSTEM = { type: 'system', id: 'cases-deadlines' } as const;

/**
 * The regulatory clock: for each case whose closure decided a report is needed, a `case_deadline` reminder alert
 * CASES_REMINDER_DAYS before the due date and a critical overdue alert after it. Idempotent twice over: the alert's
 * source id (`<caseId>:reminder`, `<caseId>:overdue`) makes intake create it at most once, and `*_raised_at` (set in
 * the same transaction) keeps a case out of the next scans.
 */
@Injectable()
export class CaseDeadlineService {
  private readonly logger = new Logger('CaseDeadlines');

  constructor(
    private readonly cases: CaseRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
    private readonly intake: AlertIntakeService,
    private readonly config: AppConfig,
  ) {}

  /** Scans one tenant at `now`; returns how many alerts were raised. */
  async scan(tenantId: string, now = new Date()): Promise<number> {
    const candidates = await this.transactions.run((tx) => this.cases.deadlineCandidates(tx, tenantId), { tenantId });
    let raised = 0;
    for (const candidate of candidates) {
      if (!candidate.reportDueAt) continue;
      const stage = deadlineStage(now, candidate.reportDueAt, this.config.values.CASES_REMINDER_DAYS);
      if (stage === 'none') continue;
      if (stage === 'overdue' && candidate.overdueRaisedAt === null) {
        raised += await this.raise(tenantId, candidate.id, 'overdue', now);
      } else if (stage === 'reminder' && candidate.reminderRaisedAt === null) {
        raised += await this.raise(tenantId, candidate.id, 'reminder', now);
      }
    }
    return raised;
  }

  private async raise(tenantId: string, caseId: string, kind: 'reminder' | 'overdue', now: Date): Promise<number> {
    return this.transactions.run(
      async (tx) => {
        const found = await this.cases.findByIdForUpdate(tx, tenantId, caseId);
        if (!found?.reportDueAt) return 0;
        if (kind === 'overdue' ? found.overdueRaisedAt !== null : found.reminderRaisedAt !== null) return 0;
        const { alertId, created } = await this.intake.raise(tx, {
          tenantId,
          type: 'case_deadline',
          sourceId: `${caseId}:${kind}`,
          subjectType: 'case',
          subjectId: caseId,
          subjectLabel: `${found.reference} ${found.title}`,
          title: this.title(found, kind),
          priority: kind === 'overdue' ? 'critical' : 'high',
          details: {
            caseId,
            reference: found.reference,
            kind,
            reportDueAt: found.reportDueAt.toISOString(),
            jurisdiction: found.jurisdiction,
          },
        });
        await this.cases.update(
          tx,
          tenantId,
          caseId,
          kind === 'overdue' ? { overdueRaisedAt: now } : { reminderRaisedAt: now },
        );
        await this.cases.insertEvent(tx, {
          tenantId,
          caseId,
          actor: `${SYSTEM.type}:${SYSTEM.id}`,
          action: `deadline_${kind}_raised`,
          details: { alertId, reportDueAt: found.reportDueAt.toISOString() },
        });
        await this.ledger.record(tx, {
          tenantId,
          actor: SYSTEM,
          action: `cases.case.deadline_${kind}_raised`,
          subject: { type: 'case', id: caseId },
          payload: { reference: found.reference, alertId, created, reportDueAt: found.reportDueAt.toISOString() },
        });
        this.logger.log(`case ${found.reference}: ${kind} alert ${alertId}${created ? '' : ' (already there)'}`);
        return created ? 1 : 0;
      },
      { tenantId },
    );
  }

  private title(found: CaseEntity, kind: 'reminder' | 'overdue'): string {
    const due = found.reportDueAt?.toISOString().slice(0, 10) ?? '?';
    return kind === 'overdue'
      ? `Report for ${found.reference} is overdue (was due ${due})`
      : `Report for ${found.reference} is due on ${due}`;
  }
}
