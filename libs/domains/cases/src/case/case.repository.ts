import { Injectable } from '@nestjs/common';
import { nextReferenceNumber, type Tx } from '@platform/database';
import type { AuditPayload } from '@domains/audit';
import { CaseAttachmentEntity } from './case-attachment.entity.js';
import { CaseEventEntity } from './case-event.entity.js';
import { CaseNoteEntity } from './case-note.entity.js';
import { CaseSubjectEntity, type CaseSubjectType } from './case-subject.entity.js';
import { CaseTransactionEntity } from './case-transaction.entity.js';
import { CaseEntity, type CaseStatus } from './case.entity.js';

export type NewCase = Pick<CaseEntity, 'tenantId' | 'reference' | 'title' | 'description' | 'priority' | 'createdBy'>;

export type CasePatch = Partial<
  Omit<CaseEntity, 'id' | 'tenantId' | 'reference' | 'createdBy' | 'createdAt' | 'updatedAt'>
>;

export interface CaseListFilter {
  readonly status?: CaseStatus;
  readonly assigneeId?: string;
  readonly overdue?: boolean;
  readonly q?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface CaseListRow {
  readonly case: CaseEntity;
  readonly alertCount: number;
  readonly subjectCount: number;
  readonly transactionCount: number;
  readonly noteCount: number;
  readonly attachmentCount: number;
}

/** An alert linked to a case, as the case shows it (read from the alerts table by case id). */
export interface LinkedAlert {
  readonly id: string;
  readonly reference: string;
  readonly type: string;
  readonly title: string;
  readonly status: string;
  readonly disposition: string | null;
  readonly reasonCode: string | null;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly subjectLabel: string;
  readonly customerId: string | null;
  readonly transactionId: string | null;
}

export type AttachmentMetadata = Omit<CaseAttachmentEntity, 'content'>;

interface LinkedAlertRow {
  id: string;
  reference: string;
  type: string;
  title: string;
  status: string;
  disposition: string | null;
  reason_code: string | null;
  subject_type: string;
  subject_id: string;
  subject_label: string;
  customer_id: string | null;
  transaction_id: string | null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class CaseRepository {
  /** The next `CASE-<year>-<6 digits>` of the tenant (a counter row per tenant and year, see nextReferenceNumber). */
  async nextReference(tx: Tx, tenantId: string, year: number): Promise<string> {
    const series = `CASE-${year}`;
    return `${series}-${String(await nextReferenceNumber(tx, tenantId, series)).padStart(6, '0')}`;
  }

  insert(tx: Tx, input: NewCase): Promise<CaseEntity> {
    return tx.save(tx.create(CaseEntity, { ...input, status: 'open' as const }));
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<CaseEntity | null> {
    return tx.findOne(CaseEntity, { where: { tenantId, id } });
  }

  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<CaseEntity | null> {
    return tx
      .createQueryBuilder(CaseEntity, 'c')
      .setLock('pessimistic_write')
      .where('c.tenantId = :tenantId AND c.id = :id', { tenantId, id })
      .getOne();
  }

  async update(tx: Tx, tenantId: string, id: string, patch: CasePatch): Promise<void> {
    await tx.update(CaseEntity, { tenantId, id }, { ...patch, updatedAt: () => 'now()' });
  }

  async list(tx: Tx, tenantId: string, filter: CaseListFilter): Promise<{ rows: CaseListRow[]; total: number }> {
    const qb = tx.createQueryBuilder(CaseEntity, 'c').where('c.tenantId = :tenantId', { tenantId });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.assigneeId) qb.andWhere('c.assigneeId = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.overdue === true) qb.andWhere('c.reportDueAt < now()');
    if (filter.overdue === false) qb.andWhere('(c.reportDueAt IS NULL OR c.reportDueAt >= now())');
    if (filter.q) {
      qb.andWhere(`(c.reference ILIKE :q ESCAPE '\\' OR c.title ILIKE :q ESCAPE '\\')`, {
        q: `%${escapeLike(filter.q)}%`,
      });
    }
    const [cases, total] = await qb
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    if (cases.length === 0) return { rows: [], total };
    const ids = cases.map((c) => c.id);
    const counts: {
      id: string;
      alerts: number;
      subjects: number;
      transactions: number;
      notes: number;
      attachments: number;
    }[] = await tx.query(
      `SELECT c.id,
              (SELECT count(*) FROM case_alerts a WHERE a.tenant_id = c.tenant_id AND a.case_id = c.id)::int AS alerts,
              (SELECT count(*) FROM case_subjects s WHERE s.case_id = c.id)::int AS subjects,
              (SELECT count(*) FROM case_transactions t WHERE t.case_id = c.id)::int AS transactions,
              (SELECT count(*) FROM case_notes n WHERE n.case_id = c.id)::int AS notes,
              (SELECT count(*) FROM case_attachments f WHERE f.case_id = c.id)::int AS attachments
         FROM cases c WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    const byId = new Map(counts.map((c) => [c.id, c]));
    return {
      total,
      rows: cases.map((c) => {
        const n = byId.get(c.id);
        return {
          case: c,
          alertCount: n?.alerts ?? 0,
          subjectCount: n?.subjects ?? 0,
          transactionCount: n?.transactions ?? 0,
          noteCount: n?.notes ?? 0,
          attachmentCount: n?.attachments ?? 0,
        };
      }),
    };
  }

  /** Adds the subject unless the case has it already; true when it was added. */
  async addSubject(
    tx: Tx,
    row: { tenantId: string; caseId: string; type: CaseSubjectType; subjectId: string; label: string; addedBy: string },
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(CaseSubjectEntity)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async removeSubject(tx: Tx, tenantId: string, caseId: string, type: string, subjectId: string): Promise<boolean> {
    const result = await tx.delete(CaseSubjectEntity, { tenantId, caseId, type: type as CaseSubjectType, subjectId });
    return (result.affected ?? 0) > 0;
  }

  listSubjects(tx: Tx, tenantId: string, caseId: string): Promise<CaseSubjectEntity[]> {
    return tx.find(CaseSubjectEntity, { where: { tenantId, caseId }, order: { addedAt: 'ASC', id: 'ASC' } });
  }

  /** Links the transaction unless it is linked already; true when it was added. */
  async addTransaction(
    tx: Tx,
    row: { tenantId: string; caseId: string; transactionId: string; addedBy: string },
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(CaseTransactionEntity)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  listTransactions(tx: Tx, tenantId: string, caseId: string): Promise<CaseTransactionEntity[]> {
    return tx.find(CaseTransactionEntity, { where: { tenantId, caseId }, order: { addedAt: 'ASC', id: 'ASC' } });
  }

  insertNote(tx: Tx, row: Pick<CaseNoteEntity, 'tenantId' | 'caseId' | 'body' | 'authorId'>): Promise<CaseNoteEntity> {
    return tx.save(tx.create(CaseNoteEntity, row));
  }

  listNotes(tx: Tx, tenantId: string, caseId: string): Promise<CaseNoteEntity[]> {
    return tx.find(CaseNoteEntity, { where: { tenantId, caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insertAttachment(tx: Tx, row: Omit<CaseAttachmentEntity, 'id' | 'createdAt'>): Promise<AttachmentMetadata> {
    const saved = await tx.save(tx.create(CaseAttachmentEntity, row));
    const { content: _content, ...metadata } = saved;
    return metadata;
  }

  listAttachments(tx: Tx, tenantId: string, caseId: string): Promise<AttachmentMetadata[]> {
    return tx.find(CaseAttachmentEntity, { where: { tenantId, caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findAttachmentWithContent(
    tx: Tx,
    tenantId: string,
    caseId: string,
    id: string,
  ): Promise<CaseAttachmentEntity | null> {
    return tx
      .createQueryBuilder(CaseAttachmentEntity, 'f')
      .addSelect('f.content')
      .where('f.tenantId = :tenantId AND f.caseId = :caseId AND f.id = :id', { tenantId, caseId, id })
      .getOne();
  }

  async insertEvent(
    tx: Tx,
    row: { tenantId: string; caseId: string; actor: string; action: string; details: { [key: string]: AuditPayload } },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO case_events (tenant_id, case_id, actor, action, details) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [row.tenantId, row.caseId, row.actor, row.action, JSON.stringify(row.details)],
    );
  }

  listEvents(tx: Tx, tenantId: string, caseId: string): Promise<CaseEventEntity[]> {
    return tx.find(CaseEventEntity, { where: { tenantId, caseId }, order: { at: 'ASC', id: 'ASC' } });
  }

  async linkedAlerts(tx: Tx, tenantId: string, caseId: string): Promise<LinkedAlert[]> {
    return this.alertsWhere(tx, 'a.tenant_id = $1 AND a.case_id = $2', [tenantId, caseId]);
  }

  async alertsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<LinkedAlert[]> {
    return this.alertsWhere(tx, 'a.tenant_id = $1 AND a.id = ANY($2::uuid[])', [tenantId, ids]);
  }

  /** Closed `sar_needed` cases whose reminder or overdue alert has not been raised yet. */
  deadlineCandidates(tx: Tx, tenantId: string): Promise<CaseEntity[]> {
    return tx
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.tenantId = :tenantId AND c.reportDueAt IS NOT NULL', { tenantId })
      .andWhere('(c.reminderRaisedAt IS NULL OR c.overdueRaisedAt IS NULL)')
      .orderBy('c.reportDueAt', 'ASC')
      .getMany();
  }

  /** Cases whose approved closure decided a report is needed, newest determination first. */
  reportNeeded(tx: Tx, tenantId: string, limit: number): Promise<CaseEntity[]> {
    return tx.find(CaseEntity, {
      where: { tenantId, status: 'closed', closeDisposition: 'sar_needed' },
      order: { determinedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Open alerts of the tenant, most urgent first (the demo escalates some of them). */
  async openAlertIds(tx: Tx, tenantId: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM case_alerts WHERE tenant_id = $1 AND status = 'open' AND case_id IS NULL AND type <> 'case_deadline'
        ORDER BY priority_rank, created_at, id LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map((r) => r.id);
  }

  private async alertsWhere(tx: Tx, where: string, params: unknown[]): Promise<LinkedAlert[]> {
    const rows: LinkedAlertRow[] = await tx.query(
      `SELECT a.id, a.reference, a.type, a.title, a.status, a.disposition, a.reason_code, a.subject_type, a.subject_id,
              a.subject_label, a.customer_id, a.transaction_id
         FROM case_alerts a WHERE ${where} ORDER BY a.created_at, a.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      type: r.type,
      title: r.title,
      status: r.status,
      disposition: r.disposition,
      reasonCode: r.reason_code,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subjectLabel: r.subject_label,
      customerId: r.customer_id,
      transactionId: r.transaction_id,
    }));
  }
}
