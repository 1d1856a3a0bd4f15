import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import type { CaseReportBasis, CaseReportSource } from './case-report.source.js';
import type { CaseEntity } from './case.entity.js';
import { CaseRepository } from './case.repository.js';

const DEFAULT_LIMIT = 50;

/** CaseReportSource over the cases tables (provided under CASE_REPORT_SOURCE for the reporting domain). */
@Injectable()
export class CaseReportService implements CaseReportSource {
  constructor(
    private readonly cases: CaseRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async basis(tenantId: string, caseId: string): Promise<CaseReportBasis | null> {
    return this.transactions.run(
      async (tx) => {
        const found = await this.cases.findById(tx, tenantId, caseId);
        return found ? this.basisOf(tx, found) : null;
      },
      { tenantId },
    );
  }

  async reportNeeded(tenantId: string, options: { readonly limit?: number } = {}): Promise<readonly CaseReportBasis[]> {
    const limit = Math.min(Math.max(options.limit ?? DEFAULT_LIMIT, 1), 500);
    return this.transactions.run(
      async (tx) => {
        const found = await this.cases.reportNeeded(tx, tenantId, limit);
        const bases: CaseReportBasis[] = [];
        for (const c of found) bases.push(await this.basisOf(tx, c));
        return bases;
      },
      { tenantId },
    );
  }

  private async basisOf(tx: Tx, c: CaseEntity): Promise<CaseReportBasis> {
    // One after the other: the queries share the transaction's single connection.
    const subjects = await this.cases.listSubjects(tx, c.tenantId, c.id);
    const transactions = await this.cases.listTransactions(tx, c.tenantId, c.id);
    const alerts = await this.cases.linkedAlerts(tx, c.tenantId, c.id);
    const transactionIds = new Set(transactions.map((t) => t.transactionId));
    for (const a of alerts) if (a.transactionId) transactionIds.add(a.transactionId);
    const determined = c.status === 'closed';
    return {
      caseId: c.id,
      reference: c.reference,
      title: c.title,
      status: c.status,
      determination: determined ? c.closeDisposition : null,
      determinedAt: c.determinedAt,
      reportDueAt: c.reportDueAt,
      jurisdiction: c.jurisdiction,
      suspectIdentified: c.suspectIdentified ?? false,
      subjects: subjects.map((s) => ({ type: s.type, id: s.subjectId, label: s.label })),
      transactionIds: [...transactionIds],
      alertIds: alerts.map((a) => a.id),
      summary: determined ? c.closeSummary : null,
    };
  }
}
