import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';

/** An alert as the customer view lists it. */
export interface PastAlertRow {
  readonly id: string;
  readonly reference: string;
  readonly type: string;
  readonly title: string;
  readonly priority: string;
  readonly status: string;
  readonly disposition: string | null;
  readonly reasonCode: string | null;
  readonly caseId: string | null;
  readonly createdAt: Date;
  readonly disposedAt: Date | null;
}

/** A case as the customer view lists it. */
export interface PastCaseRow {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly status: string;
  readonly priority: string;
  readonly closeDisposition: string | null;
  readonly createdAt: Date;
  readonly closedAt: Date | null;
}

export interface CaseSubjectRow {
  readonly type: 'customer' | 'account' | 'counterparty';
  readonly subjectId: string;
  readonly label: string;
}

const date = (v: unknown): Date => new Date(v as string | Date);
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Reads of the cases domain's own tables for investigation views (case_alerts, cases, case_subjects,
 * case_transactions), in the tenant's transaction.
 */
@Injectable()
export class InvestigationRepository {
  /**
   * The customer's alerts, newest first. `customerIds` holds every id an alert may carry for the customer: transaction
   * alerts store the provider's customer reference, screening and KYC alerts the customers domain's id.
   */
  async alertsOfCustomer(
    tx: Tx,
    tenantId: string,
    customerIds: readonly string[],
    limit: number,
  ): Promise<{ items: PastAlertRow[]; total: number }> {
    const rows = await tx.query<Record<string, unknown>[]>(
      `SELECT id, reference, type, title, priority, status, disposition, reason_code, case_id, created_at, disposed_at,
         count(*) OVER ()::int AS total
       FROM case_alerts WHERE tenant_id = $1 AND customer_id = ANY($2::text[])
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [tenantId, [...customerIds], limit],
    );
    return {
      total: rows.length > 0 ? Number(rows[0]?.total) : 0,
      items: rows.map((r) => ({
        id: String(r.id),
        reference: String(r.reference),
        type: String(r.type),
        title: String(r.title),
        priority: String(r.priority),
        status: String(r.status),
        disposition: textOrNull(r.disposition),
        reasonCode: textOrNull(r.reason_code),
        caseId: textOrNull(r.case_id),
        createdAt: date(r.created_at),
        disposedAt: dateOrNull(r.disposed_at),
      })),
    };
  }

  /** Cases naming the customer as a subject, or holding one of its alerts; newest first. */
  async casesOfCustomer(
    tx: Tx,
    tenantId: string,
    customerId: string,
    alertCustomerIds: readonly string[],
    limit: number,
  ): Promise<PastCaseRow[]> {
    const rows = await tx.query<Record<string, unknown>[]>(
      `SELECT c.id, c.reference, c.title, c.status, c.priority, c.close_disposition, c.created_at, c.closed_at
       FROM cases c
       WHERE c.tenant_id = $1 AND (
         EXISTS (SELECT 1 FROM case_subjects s
                 WHERE s.tenant_id = $1 AND s.case_id = c.id AND s.type = 'customer' AND s.subject_id = $2)
         OR EXISTS (SELECT 1 FROM case_alerts a
                    WHERE a.tenant_id = $1 AND a.case_id = c.id AND a.customer_id = ANY($3::text[])))
       ORDER BY c.created_at DESC, c.id DESC LIMIT $4`,
      [tenantId, customerId, [...alertCustomerIds], limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      reference: String(r.reference),
      title: String(r.title),
      status: String(r.status),
      priority: String(r.priority),
      closeDisposition: textOrNull(r.close_disposition),
      createdAt: date(r.created_at),
      closedAt: dateOrNull(r.closed_at),
    }));
  }

  async caseExists(tx: Tx, tenantId: string, caseId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(`SELECT 1 FROM cases WHERE tenant_id = $1 AND id = $2`, [tenantId, caseId]);
    return rows.length > 0;
  }

  /** The case's transactions: those linked directly and those of its alerts. */
  async caseTransactionIds(tx: Tx, tenantId: string, caseId: string, limit: number): Promise<string[]> {
    const rows = await tx.query<{ transaction_id: string }[]>(
      `SELECT transaction_id FROM (
         SELECT transaction_id FROM case_transactions WHERE tenant_id = $1 AND case_id = $2
         UNION
         SELECT transaction_id FROM case_alerts
         WHERE tenant_id = $1 AND case_id = $2 AND transaction_id IS NOT NULL
       ) t ORDER BY transaction_id LIMIT $3`,
      [tenantId, caseId, limit],
    );
    return rows.map((r) => r.transaction_id);
  }

  /** Which of the case's transactions came in through which of its alerts (transaction id → alert references). */
  async caseAlertsByTransaction(tx: Tx, tenantId: string, caseId: string): Promise<Map<string, string[]>> {
    const rows = await tx.query<{ transaction_id: string; reference: string }[]>(
      `SELECT transaction_id, reference FROM case_alerts
       WHERE tenant_id = $1 AND case_id = $2 AND transaction_id IS NOT NULL ORDER BY reference`,
      [tenantId, caseId],
    );
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.transaction_id, [...(map.get(r.transaction_id) ?? []), r.reference]);
    return map;
  }

  async caseSubjects(tx: Tx, tenantId: string, caseId: string): Promise<CaseSubjectRow[]> {
    const rows = await tx.query<{ type: CaseSubjectRow['type']; subject_id: string; label: string }[]>(
      `SELECT type, subject_id, label FROM case_subjects WHERE tenant_id = $1 AND case_id = $2
       ORDER BY type, subject_id`,
      [tenantId, caseId],
    );
    return rows.map((r) => ({ type: r.type, subjectId: r.subject_id, label: r.label }));
  }
}
