import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { ReportDocumentBuilder } from '../draft/report-document.builder.js';
import type { ReportEntity, ReportStatus } from '../report/report.entity.js';
import { ReportRepository } from '../report/report.repository.js';
import type { ReportNoticeKind } from './report-deadline-notice.entity.js';
import { ReportDeadlineNoticeRepository } from './report-deadline-notice.repository.js';

const DAY_MS = 86_400_000;
const SCAN_ACTOR: AuditActor = { type: 'system', id: 'reporting.deadlines.scan' };

/** One case that needs a report, on the deadline board. */
export interface ReportDeadlineRow {
  readonly caseId: string;
  readonly caseReference: string;
  readonly caseTitle: string;
  readonly determinedAt: Date | null;
  readonly dueAt: Date | null;
  /** Whole days until the due date (negative: overdue); null without a due date or once filed. */
  readonly daysLeft: number | null;
  /** `no_report` while no report was drafted, else the status of the case's latest report. */
  readonly status: 'no_report' | ReportStatus;
  readonly reportId: string | null;
  readonly reportReference: string | null;
  readonly overdue: boolean;
  /** After a filed SAR: when the continuing-activity review is due. */
  readonly continuingActivityReviewAt: Date | null;
  /** The notices the deadline scan recorded, newest first. */
  readonly notices: readonly { kind: ReportNoticeKind; dueAt: Date; at: Date }[];
}

const FILED: readonly ReportStatus[] = ['submitted', 'acknowledged'];

/** Rows by their case id, in their order. */
function groupByCase<T extends { caseId: string | null }>(rows: readonly T[]): Map<string, T[]> {
  const byCase = new Map<string, T[]>();
  for (const row of rows) {
    if (row.caseId === null) continue;
    const group = byCase.get(row.caseId);
    if (group) group.push(row);
    else byCase.set(row.caseId, [row]);
  }
  return byCase;
}

/**
 * The deadline board (every case needing a report, with or without one) and the hourly scan that records reminders
 * before, and overdue notices after, each due date, and continuing-activity review notices after a filed SAR.
 */
@Injectable()
export class ReportDeadlineService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly builder: ReportDocumentBuilder,
    private readonly reports: ReportRepository,
    private readonly notices: ReportDeadlineNoticeRepository,
    private readonly ledger: AuditLedger,
    private readonly config: AppConfig,
  ) {}

  async board(tenantId: string, now = new Date()): Promise<ReportDeadlineRow[]> {
    const cases = await this.builder.reportNeeded(tenantId);
    const caseIds = cases.map((c) => c.caseId);
    const { reports, notices } = await this.transactions.run(
      async (tx) => ({
        reports: groupByCase(await this.reports.listByCases(tx, tenantId, caseIds)),
        notices: groupByCase(await this.notices.listByCases(tx, tenantId, caseIds)),
      }),
      { tenantId },
    );
    const continuingDays = this.config.values.REPORTING_CONTINUING_ACTIVITY_DAYS;
    const rows = cases.map((c): ReportDeadlineRow => {
      const ofCase = reports.get(c.caseId) ?? [];
      const latest: ReportEntity | undefined = ofCase[ofCase.length - 1];
      const filed = ofCase.find((r) => FILED.includes(r.status) && r.amendsReportId === null);
      const dueAt = c.reportDueAt;
      const open = !filed;
      const daysLeft = dueAt && open ? Math.floor((dueAt.getTime() - now.getTime()) / DAY_MS) : null;
      return {
        caseId: c.caseId,
        caseReference: c.reference,
        caseTitle: c.title,
        determinedAt: c.determinedAt,
        dueAt,
        daysLeft,
        status: latest?.status ?? 'no_report',
        reportId: latest?.id ?? null,
        reportReference: latest?.reference ?? null,
        overdue: open && dueAt !== null && dueAt.getTime() < now.getTime(),
        continuingActivityReviewAt:
          filed?.submittedAt && filed.kind === 'SAR'
            ? new Date(filed.submittedAt.getTime() + continuingDays * DAY_MS)
            : null,
        notices: (notices.get(c.caseId) ?? []).map((n) => ({ kind: n.kind, dueAt: n.dueAt, at: n.createdAt })),
      };
    });
    return rows.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
  }

  /** Records each reminder, overdue and continuing-activity notice once (audited); returns how many were new. */
  async scan(tenantId: string, now = new Date()): Promise<number> {
    const reminderMs = this.config.values.REPORTING_REMINDER_DAYS * DAY_MS;
    const due: { caseId: string; caseReference: string; kind: ReportNoticeKind; dueAt: Date }[] = [];
    for (const row of await this.board(tenantId, now)) {
      if (row.dueAt && row.daysLeft !== null) {
        if (row.overdue) due.push({ ...row, kind: 'overdue', dueAt: row.dueAt });
        else if (row.dueAt.getTime() - now.getTime() <= reminderMs)
          due.push({ ...row, kind: 'reminder', dueAt: row.dueAt });
      }
      if (row.continuingActivityReviewAt && row.continuingActivityReviewAt.getTime() <= now.getTime()) {
        due.push({ ...row, kind: 'continuing_activity_due', dueAt: row.continuingActivityReviewAt });
      }
    }
    let recorded = 0;
    for (const notice of due) {
      const fresh = await this.transactions.run(
        async (tx) => {
          if (!(await this.notices.insertOnce(tx, tenantId, notice.caseId, notice.kind, notice.dueAt))) return false;
          await this.ledger.record(tx, {
            tenantId,
            actor: SCAN_ACTOR,
            action: `reporting.deadline.${notice.kind}`,
            subject: { type: 'case', id: notice.caseId },
            payload: { caseReference: notice.caseReference, dueAt: notice.dueAt.toISOString() },
          });
          return true;
        },
        { tenantId },
      );
      if (fresh) recorded += 1;
    }
    return recorded;
  }
}
