import { Inject, Injectable, Optional } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { CASE_REPORT_SOURCE, type CaseReportBasis, type CaseReportSource } from '@domains/cases';
import { CustomerService, type CustomerDetail } from '@domains/customers';
import { TransactionQueryService, type TransactionDetailDto } from '@domains/monitoring';
import type { ReportAccount, ReportDocument, ReportParty } from '../document/report.document.js';
import { ReportEvidenceService } from '../evidence/report-evidence.service.js';
import type { ReportInstitutionEntity } from '../institution/report-institution.entity.js';
import { ReportInstitutionRepository } from '../institution/report-institution.repository.js';
import type { ReportDraftContent, ReportEntity } from '../report/report.entity.js';
import { ReportRepository } from '../report/report.repository.js';
import { ReportingError } from '../reporting.errors.js';
import {
  accountsOfCustomer,
  activityOf,
  institutionOf,
  partyOfCounterparty,
  partyOfCustomer,
  transactionOf,
} from './report-document.mapper.js';

/** At most this many of a case's transactions are prefilled into a report (the officer may add the rest). */
export const REPORT_MAX_TRANSACTIONS = 2_000;

/** A case's report basis and the draft content prefilled from it. */
export interface CaseDraft {
  readonly basis: CaseReportBasis;
  readonly content: ReportDraftContent;
  readonly narrative: string;
}

/**
 * Builds ReportDocuments: prefilled from a case (subjects with their KYC identifiers and addresses, accounts,
 * transactions, activity period and total, the case summary as the narrative's start), or from a stored report with
 * the officer's edits, the current institution and the audit evidence.
 */
@Injectable()
export class ReportDocumentBuilder {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly reports: ReportRepository,
    private readonly institutions: ReportInstitutionRepository,
    private readonly customers: CustomerService,
    private readonly monitoring: TransactionQueryService,
    private readonly evidence: ReportEvidenceService,
    @Optional() @Inject(CASE_REPORT_SOURCE) private readonly cases: CaseReportSource | null,
  ) {}

  /** The case's basis, or 404 `reporting/case_not_found`. */
  async basis(tenantId: string, caseId: string): Promise<CaseReportBasis> {
    if (!this.cases) throw new Error('no CaseReportSource is provided: import CasesModule');
    const basis = await this.cases.basis(tenantId, caseId);
    if (!basis) throw new ReportingError('reporting/case_not_found', 'not_found', 'No such case');
    return basis;
  }

  /** Every case of the tenant whose closure decided a report is needed. */
  async reportNeeded(tenantId: string, limit = 500): Promise<readonly CaseReportBasis[]> {
    if (!this.cases) return [];
    return this.cases.reportNeeded(tenantId, { limit });
  }

  /** The document a report of `kind` would have if drafted from the case now (nothing stored). */
  async fromCase(tenantId: string, caseId: string, kind: 'STR' | 'SAR'): Promise<ReportDocument> {
    const basis = await this.basis(tenantId, caseId);
    const institution = await this.institution(tenantId);
    const draft = await this.draftOf(tenantId, basis, institution);
    return {
      ...draft.content,
      id: draft.basis.caseId,
      kind,
      reference: draft.basis.reference,
      caseReference: draft.basis.reference,
      generatedAt: new Date().toISOString(),
      institution: institutionOf(institution),
      narrative: draft.narrative,
    };
  }

  /** The editable content prefilled from a case, given its basis (as `basis()` read it). */
  async draftFromCase(tenantId: string, basis: CaseReportBasis): Promise<CaseDraft> {
    return this.draftOf(tenantId, basis, await this.institution(tenantId));
  }

  private institution(tenantId: string): Promise<ReportInstitutionEntity | null> {
    return this.transactions.run((tx) => this.institutions.find(tx, tenantId), { tenantId });
  }

  private async draftOf(
    tenantId: string,
    basis: CaseReportBasis,
    institution: ReportInstitutionEntity | null,
  ): Promise<CaseDraft> {
    const localCurrency = institution?.localCurrency ?? 'USD';
    const institutionName = institution?.name ?? '';

    const txs: TransactionDetailDto[] = [];
    for (const id of basis.transactionIds.slice(0, REPORT_MAX_TRANSACTIONS)) {
      try {
        txs.push(await this.monitoring.get(tenantId, id));
      } catch (error) {
        if ((error as { kind?: unknown }).kind !== 'not_found') throw error;
      }
    }
    txs.sort((a, b) => (a.bookedAt < b.bookedAt ? -1 : a.bookedAt > b.bookedAt ? 1 : 0));

    const parties = new Map<string, ReportParty>();
    const accounts = new Map<string, ReportAccount>();
    const details = new Map<string, CustomerDetail | null>();
    const customer = async (id: string): Promise<CustomerDetail | null> => {
      if (!details.has(id)) {
        try {
          details.set(id, await this.customers.get(tenantId, id));
        } catch (error) {
          if ((error as { kind?: unknown }).kind !== 'not_found') throw error;
          details.set(id, null);
        }
      }
      return details.get(id) ?? null;
    };
    let counterparties = 0;
    for (const subject of basis.subjects) {
      if (subject.type === 'customer') {
        const detail = await customer(subject.id);
        if (!detail) continue;
        parties.set(detail.customer.id, partyOfCustomer(detail, true));
        for (const a of accountsOfCustomer(detail, institutionName)) accounts.set(a.ref, a);
      } else if (subject.type === 'counterparty') {
        counterparties += 1;
        const ref = `cp:${counterparties}`;
        parties.set(ref, partyOfCounterparty(ref, subject.label));
      }
    }
    for (const t of txs) {
      if (parties.has(t.customerRecordId)) continue;
      const detail = await customer(t.customerRecordId);
      if (!detail) continue;
      parties.set(detail.customer.id, partyOfCustomer(detail, false));
      for (const a of accountsOfCustomer(detail, institutionName)) accounts.set(a.ref, a);
    }
    const accountRefs = new Set(accounts.keys());
    const typologies = [...new Set(txs.flatMap((t) => t.firedRules.map((r) => r.type)))].sort();
    const content: ReportDraftContent = {
      jurisdiction: basis.jurisdiction ?? institution?.jurisdiction ?? 'US',
      localCurrency,
      caseReference: basis.reference,
      activity: activityOf(txs, localCurrency, typologies),
      parties: [...parties.values()],
      accounts: [...accounts.values()],
      transactions: txs.map((t) => transactionOf(t, accountRefs, localCurrency)),
      reason: `Case ${basis.reference}: ${basis.title}`,
      action: '',
    };
    return { basis, content, narrative: basis.summary ?? '' };
  }

  /** The stored report as a document: the officer's edits, the current institution and the audit evidence. */
  async forReport(tenantId: string, reportId: string): Promise<ReportDocument> {
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.findById(tx, tenantId, reportId);
        if (!report) throw new ReportingError('reporting/report_not_found', 'not_found', 'No such report');
        return this.documentOf(tx, report, { withEvidence: true });
      },
      { tenantId },
    );
  }

  /** The document of a report read in `tx`; evidence only when asked (and when a signed checkpoint proves it). */
  async documentOf(tx: Tx, report: ReportEntity, options: { withEvidence: boolean }): Promise<ReportDocument> {
    const institution = await this.institutions.find(tx, report.tenantId);
    const original = report.amendsReportId
      ? await this.reports.findById(tx, report.tenantId, report.amendsReportId)
      : null;
    const evidence = options.withEvidence ? await this.evidenceOf(report) : undefined;
    return {
      ...report.document,
      id: report.id,
      kind: report.kind,
      reference: report.reference,
      ...(original
        ? {
            amends: {
              reportId: original.id,
              reference: original.reference,
              ...(original.filedReference ? { filedReference: original.filedReference } : {}),
            },
          }
        : {}),
      generatedAt: new Date().toISOString(),
      institution: institutionOf(institution),
      narrative: report.narrative,
      ...(evidence ? { evidence } : {}),
    };
  }

  /** The audit subjects a report relies on: itself, its case, its transactions and its customers. */
  subjectsOf(report: ReportEntity): { type: string; id: string }[] {
    const subjects: { type: string; id: string }[] = [{ type: 'report', id: report.id }];
    if (report.caseId) subjects.push({ type: 'case', id: report.caseId });
    for (const p of report.document.parties) if (p.customerId) subjects.push({ type: 'customer', id: p.customerId });
    for (const t of report.document.transactions) subjects.push({ type: 'transaction', id: t.ref });
    return subjects;
  }

  private async evidenceOf(report: ReportEntity): Promise<ReportDocument['evidence']> {
    try {
      return await this.evidence.collect(report.tenantId, this.subjectsOf(report));
    } catch (error) {
      // No signed checkpoint yet: the document goes without its appendix rather than not at all.
      if (error instanceof ReportingError && error.code === 'reporting/evidence_unavailable') return undefined;
      throw error;
    }
  }
}
