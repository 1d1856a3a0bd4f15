/**
 * What the reporting domain needs from a case to prefill a regulator report: the determination and its clock, the
 * subjects, the transactions and the alerts. Implemented by the cases domain and provided under CASE_REPORT_SOURCE,
 * so reporting depends on this contract and not on cases' tables.
 */
export interface CaseReportSubject {
  readonly type: 'customer' | 'account' | 'counterparty';
  /** A customer id, an account id, or a counterparty key (IBAN, account number or normalised name). */
  readonly id: string;
  readonly label: string;
}

export type CaseDetermination = 'no_report_needed' | 'sar_needed';

export interface CaseReportBasis {
  readonly caseId: string;
  /** e.g. `CASE-2026-000123`. */
  readonly reference: string;
  readonly title: string;
  readonly status: 'open' | 'investigating' | 'pending_approval' | 'closed';
  readonly determination: CaseDetermination | null;
  /** When the determination was made final (the closure's approval): the regulatory clock starts here. */
  readonly determinedAt: Date | null;
  /** The report's due date from the jurisdiction's rule (e.g. 30 days, 60 when no suspect is identified). */
  readonly reportDueAt: Date | null;
  readonly jurisdiction: string | null;
  readonly suspectIdentified: boolean;
  readonly subjects: readonly CaseReportSubject[];
  /** Monitoring transaction ids linked to the case (directly or through its alerts). */
  readonly transactionIds: readonly string[];
  readonly alertIds: readonly string[];
  /** The closing summary the officer wrote, a starting point for the narrative. */
  readonly summary: string | null;
}

export interface CaseReportSource {
  /** The case's basis, or null when the tenant has no such case. */
  basis(tenantId: string, caseId: string): Promise<CaseReportBasis | null>;
  /** Cases whose closure decided a report is needed, newest determination first. */
  reportNeeded(tenantId: string, options?: { readonly limit?: number }): Promise<readonly CaseReportBasis[]>;
}

export const CASE_REPORT_SOURCE = Symbol.for('verity.cases.CaseReportSource');
