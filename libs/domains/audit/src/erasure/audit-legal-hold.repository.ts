import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';

export interface ActiveLegalHold {
  readonly id: string;
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  readonly reason: string;
}

interface HoldRow {
  id: string;
  subject_type: string | null;
  subject_id: string | null;
  reason: string;
}

@Injectable()
export class AuditLegalHoldRepository {
  async place(
    tx: Tx,
    tenantId: string,
    hold: { subjectType: string | null; subjectId: string | null; reason: string },
  ): Promise<string> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO audit_legal_holds (tenant_id, subject_type, subject_id, reason) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenantId, hold.subjectType, hold.subjectId, hold.reason],
    );
    return rows[0].id;
  }

  /** Releases an active hold; false when there is no such active hold in this tenant. */
  async release(tx: Tx, tenantId: string, holdId: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE audit_legal_holds SET released_at = now()
        WHERE tenant_id = $1 AND id = $2 AND released_at IS NULL RETURNING id`,
      [tenantId, holdId],
    );
    return rows.length > 0;
  }

  /**
   * Active holds covering the subject: its own, and tenant-wide ones. Locked (FOR SHARE) so a hold cannot be
   * released while an erasure that it would block is deciding.
   */
  async activeFor(tx: Tx, tenantId: string, subjectType: string, subjectId: string): Promise<ActiveLegalHold[]> {
    const rows: HoldRow[] = await tx.query(
      `SELECT id, subject_type, subject_id, reason FROM audit_legal_holds
        WHERE tenant_id = $1 AND released_at IS NULL
          AND ((subject_type IS NULL AND subject_id IS NULL) OR (subject_type = $2 AND subject_id = $3))
        FOR SHARE`,
      [tenantId, subjectType, subjectId],
    );
    return rows.map((r) => ({ id: r.id, subjectType: r.subject_type, subjectId: r.subject_id, reason: r.reason }));
  }
}
