import { Injectable } from '@nestjs/common';
import { nextReferenceNumber, returnReferenceNumber, type Tx } from '@platform/database';
import { CaseAlertEventEntity } from './case-alert-event.entity.js';
import { CaseAlertEntity } from './case-alert.entity.js';
import type { AlertDisposition, AlertPriority, AlertStatus, AlertSubjectType, AlertType } from './alert.types.js';

export interface NewCaseAlert {
  readonly tenantId: string;
  readonly type: AlertType;
  readonly sourceId: string;
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  readonly subjectLabel: string;
  readonly customerId: string | null;
  readonly transactionId: string | null;
  readonly title: string;
  readonly priority: AlertPriority;
  readonly priorityRank: number;
  readonly score: number | null;
  readonly details: Record<string, unknown>;
  readonly queueId: string;
  readonly slaDueAt: Date;
  readonly assigneeId: string | null;
}

export interface AlertListFilter {
  readonly queueId?: string;
  /** One status, or `active`: open or claimed. */
  readonly status?: AlertStatus | 'active';
  readonly type?: AlertType;
  /** A user id, or null for unassigned. */
  readonly assigneeId?: string | null;
  readonly priority?: AlertPriority;
  readonly breached?: boolean;
  readonly customerId?: string;
  readonly sort: 'priority' | 'slaDueAt' | 'createdAt';
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

export interface NewAlertEvent {
  readonly tenantId: string;
  readonly alertId: string;
  readonly actor: string;
  readonly action: string;
  readonly details?: Record<string, unknown>;
}

const SORTS = { priority: 'a.priorityRank', slaDueAt: 'a.slaDueAt', createdAt: 'a.createdAt' } as const;

@Injectable()
export class CaseAlertRepository {
  /**
   * Inserts unless the source item already has an alert (ON CONFLICT DO NOTHING on tenant, type, source id; the
   * caller looks the source up first, so this only settles a race). The reference is the tenant's next `ALR` number
   * (a counter row, locked until the transaction ends, so concurrent intakes never pick the same number); a number
   * taken for an alert that already existed is given back.
   */
  async insertIfAbsent(tx: Tx, alert: NewCaseAlert): Promise<string | null> {
    const number = await nextReferenceNumber(tx, alert.tenantId, 'ALR');
    const reference = `ALR-${String(number).padStart(6, '0')}`;
    const claimed = alert.assigneeId !== null;
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO case_alerts (tenant_id, reference, type, source_id, subject_type, subject_id, subject_label,
         customer_id, transaction_id, title, priority, priority_rank, score, details, queue_id, status, assignee_id,
         claimed_at, sla_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (tenant_id, type, source_id) DO NOTHING RETURNING id`,
      [
        alert.tenantId,
        reference,
        alert.type,
        alert.sourceId,
        alert.subjectType,
        alert.subjectId,
        alert.subjectLabel,
        alert.customerId,
        alert.transactionId,
        alert.title,
        alert.priority,
        alert.priorityRank,
        alert.score,
        JSON.stringify(alert.details),
        alert.queueId,
        claimed ? 'claimed' : 'open',
        alert.assigneeId,
        claimed ? new Date() : null,
        alert.slaDueAt,
      ],
    );
    if (rows[0]) return rows[0].id;
    await returnReferenceNumber(tx, alert.tenantId, 'ALR', number);
    return null;
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<CaseAlertEntity | null> {
    return tx.findOneBy(CaseAlertEntity, { tenantId, id });
  }

  findBySource(tx: Tx, tenantId: string, type: AlertType, sourceId: string): Promise<CaseAlertEntity | null> {
    return tx.findOneBy(CaseAlertEntity, { tenantId, type, sourceId });
  }

  /** Which of the given source ids of `type` already have an alert (intake skips them in one query). */
  async existingSourceIds(
    tx: Tx,
    tenantId: string,
    type: AlertType,
    sourceIds: readonly string[],
  ): Promise<Set<string>> {
    if (sourceIds.length === 0) return new Set();
    const rows: { source_id: string }[] = await tx.query(
      `SELECT source_id FROM case_alerts WHERE tenant_id = $1 AND type = $2 AND source_id = ANY($3::text[])`,
      [tenantId, type, sourceIds],
    );
    return new Set(rows.map((r) => r.source_id));
  }

  /** Locks the alerts (ordered by id so two transactions locking overlapping sets never deadlock). */
  findByIdsForUpdate(tx: Tx, tenantId: string, ids: readonly string[]): Promise<CaseAlertEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx
      .createQueryBuilder(CaseAlertEntity, 'a')
      .setLock('pessimistic_write')
      .where('a.tenantId = :tenantId AND a.id IN (:...ids)', { tenantId, ids })
      .orderBy('a.id')
      .getMany();
  }

  /**
   * The claim as one conditional UPDATE: it takes the alert only while it is open and unassigned, so of two
   * concurrent claimers exactly one gets the row (the other's UPDATE re-checks after the first commits and matches
   * nothing). Answers whether the caller got it.
   */
  async claim(tx: Tx, tenantId: string, id: string, userId: string, at: Date): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE case_alerts SET status = 'claimed', assignee_id = $3, claimed_at = $4, last_activity_at = $4
        WHERE tenant_id = $1 AND id = $2 AND status = 'open' AND assignee_id IS NULL`,
      [tenantId, id, userId, at],
    );
    return affected === 1;
  }

  /** The best open, unclaimed alert of the queue (most urgent, then earliest due), skipping rows others are locking. */
  async claimNext(tx: Tx, tenantId: string, queueId: string, userId: string, at: Date): Promise<string | null> {
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE case_alerts SET status = 'claimed', assignee_id = $3, claimed_at = $4, last_activity_at = $4
        WHERE id = (SELECT id FROM case_alerts
                     WHERE tenant_id = $1 AND queue_id = $2 AND status = 'open' AND assignee_id IS NULL
                     ORDER BY priority_rank, sla_due_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          AND status = 'open' AND assignee_id IS NULL
        RETURNING id`,
      [tenantId, queueId, userId, at],
    );
    return rows[0]?.id ?? null;
  }

  async release(tx: Tx, tenantId: string, id: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE case_alerts SET status = 'open', assignee_id = NULL, claimed_at = NULL, last_activity_at = $3
        WHERE tenant_id = $1 AND id = $2 AND status = 'claimed'`,
      [tenantId, id, at],
    );
  }

  async dispose(
    tx: Tx,
    tenantId: string,
    id: string,
    d: {
      status: 'closed' | 'escalated';
      disposition: AlertDisposition;
      reasonCode: string;
      note: string | null;
      by: string | null;
      caseId: string | null;
      at: Date;
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE case_alerts SET status = $3, disposition = $4, reason_code = $5, disposition_note = $6, disposed_by = $7,
              disposed_at = $9, case_id = $8, last_activity_at = $9
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, d.status, d.disposition, d.reasonCode, d.note, d.by, d.caseId, d.at],
    );
  }

  /** Closed because its source item was decided elsewhere (the source's label, when it has one). */
  async closeFromSource(
    tx: Tx,
    tenantId: string,
    id: string,
    disposition: AlertDisposition | null,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE case_alerts SET status = 'closed', disposition = $3, reason_code = 'closed_at_source', disposed_at = $4,
              last_activity_at = $4
        WHERE tenant_id = $1 AND id = $2 AND status IN ('open', 'claimed')`,
      [tenantId, id, disposition, at],
    );
  }

  /** Open or claimed alerts of the tenant whose source is one of `types` (intake checks their sources). */
  /** The open or claimed alert of each given source id of `type` that has one (source id → alert id). */
  async workableBySourceIds(
    tx: Tx,
    tenantId: string,
    type: AlertType,
    sourceIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (sourceIds.length === 0) return new Map();
    const rows: { id: string; source_id: string }[] = await tx.query(
      `SELECT id, source_id FROM case_alerts
        WHERE tenant_id = $1 AND type = $2 AND source_id = ANY($3::text[]) AND status IN ('open', 'claimed')`,
      [tenantId, type, sourceIds],
    );
    return new Map(rows.map((r) => [r.source_id, r.id]));
  }

  /** Past due and not yet escalated, locked and skipping rows another run holds (one SLA scan batch). */
  findBreachable(tx: Tx, tenantId: string, now: Date, limit: number): Promise<CaseAlertEntity[]> {
    return tx
      .createQueryBuilder(CaseAlertEntity, 'a')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(
        `a.tenantId = :tenantId AND a.status IN ('open', 'claimed') AND a.slaBreachedAt IS NULL AND a.slaDueAt < :now`,
        { tenantId, now },
      )
      .orderBy('a.slaDueAt')
      .limit(limit)
      .getMany();
  }

  /** Marks one breach; conditional on not yet breached, so a rerun never escalates an alert twice. */
  async markBreached(
    tx: Tx,
    tenantId: string,
    id: string,
    bump: { priority: AlertPriority; priorityRank: number; at: Date },
  ): Promise<boolean> {
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE case_alerts SET sla_breached_at = $3, escalation_level = escalation_level + 1, priority = $4,
              priority_rank = $5
        WHERE tenant_id = $1 AND id = $2 AND sla_breached_at IS NULL`,
      [tenantId, id, bump.at, bump.priority, bump.priorityRank],
    );
    return affected === 1;
  }

  /** Claimed alerts idle for longer than their queue's idle_claim_minutes, locked, skipping rows others hold. */
  findIdleClaims(tx: Tx, tenantId: string, now: Date, limit: number): Promise<CaseAlertEntity[]> {
    return tx
      .createQueryBuilder(CaseAlertEntity, 'a')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .innerJoin('case_queues', 'q', 'q.id = a.queue_id AND q.tenant_id = a.tenant_id')
      .where(
        `a.tenantId = :tenantId AND a.status = 'claimed'
         AND a.lastActivityAt < :now::timestamptz - make_interval(mins => q.idle_claim_minutes)`,
        { tenantId, now },
      )
      .orderBy('a.lastActivityAt')
      .limit(limit)
      .getMany();
  }

  async list(tx: Tx, tenantId: string, f: AlertListFilter): Promise<{ items: CaseAlertEntity[]; total: number }> {
    const q = tx.createQueryBuilder(CaseAlertEntity, 'a').where('a.tenantId = :tenantId', { tenantId });
    if (f.queueId !== undefined) q.andWhere('a.queueId = :queueId', { queueId: f.queueId });
    if (f.status === 'active') q.andWhere(`a.status IN ('open', 'claimed')`);
    else if (f.status !== undefined) q.andWhere('a.status = :status', { status: f.status });
    if (f.type !== undefined) q.andWhere('a.type = :type', { type: f.type });
    if (f.assigneeId === null) q.andWhere('a.assigneeId IS NULL');
    else if (f.assigneeId !== undefined) q.andWhere('a.assigneeId = :assigneeId', { assigneeId: f.assigneeId });
    if (f.priority !== undefined) q.andWhere('a.priority = :priority', { priority: f.priority });
    if (f.breached === true) q.andWhere('a.slaBreachedAt IS NOT NULL');
    if (f.breached === false) q.andWhere('a.slaBreachedAt IS NULL');
    if (f.customerId !== undefined) q.andWhere('a.customerId = :customerId', { customerId: f.customerId });
    const order = f.order === 'asc' ? 'ASC' : 'DESC';
    const [items, total] = await q
      .orderBy(SORTS[f.sort], order)
      .addOrderBy('a.createdAt', order)
      .addOrderBy('a.id', order)
      .take(f.limit)
      .skip(f.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** Other open or claimed alerts about the same subject. */
  related(tx: Tx, tenantId: string, alert: CaseAlertEntity, limit: number): Promise<CaseAlertEntity[]> {
    return tx
      .createQueryBuilder(CaseAlertEntity, 'a')
      .where(
        `a.tenantId = :tenantId AND a.subjectType = :subjectType AND a.subjectId = :subjectId AND a.id <> :id
         AND a.status IN ('open', 'claimed')`,
        { tenantId, subjectType: alert.subjectType, subjectId: alert.subjectId, id: alert.id },
      )
      .orderBy('a.priorityRank')
      .addOrderBy('a.slaDueAt')
      .limit(limit)
      .getMany();
  }

  /** Claimed alerts per user (least-loaded assignment). */
  async claimedCounts(tx: Tx, tenantId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows: { assignee_id: string; n: string }[] = await tx.query(
      `SELECT assignee_id, count(*) AS n FROM case_alerts
        WHERE tenant_id = $1 AND status = 'claimed' AND assignee_id = ANY($2::uuid[]) GROUP BY assignee_id`,
      [tenantId, userIds],
    );
    return new Map(rows.map((r) => [r.assignee_id, Number(r.n)]));
  }

  /** Open alerts per queue and breaches per queue and priority (metrics). */
  async metricCounts(
    tx: Tx,
    tenantId: string,
  ): Promise<{ open: { queue: string; n: number }[]; breaches: { queue: string; priority: string; n: number }[] }> {
    const open: { queue: string; n: string }[] = await tx.query(
      `SELECT q.name AS queue, count(a.id) AS n FROM case_queues q
         LEFT JOIN case_alerts a ON a.queue_id = q.id AND a.tenant_id = q.tenant_id AND a.status IN ('open', 'claimed')
        WHERE q.tenant_id = $1 GROUP BY q.name`,
      [tenantId],
    );
    const breaches: { queue: string; priority: string; n: string }[] = await tx.query(
      `SELECT q.name AS queue, a.priority, count(*) AS n FROM case_alerts a
         JOIN case_queues q ON q.id = a.queue_id AND q.tenant_id = a.tenant_id
        WHERE a.tenant_id = $1 AND a.sla_breached_at IS NOT NULL GROUP BY q.name, a.priority`,
      [tenantId],
    );
    return {
      open: open.map((r) => ({ queue: r.queue, n: Number(r.n) })),
      breaches: breaches.map((r) => ({ queue: r.queue, priority: r.priority, n: Number(r.n) })),
    };
  }

  async addEvent(tx: Tx, event: NewAlertEvent): Promise<void> {
    await tx.query(
      `INSERT INTO case_alert_events (tenant_id, alert_id, actor, action, details) VALUES ($1, $2, $3, $4, $5)`,
      [event.tenantId, event.alertId, event.actor, event.action, JSON.stringify(event.details ?? {})],
    );
  }

  events(tx: Tx, tenantId: string, alertId: string): Promise<CaseAlertEventEntity[]> {
    return tx.find(CaseAlertEventEntity, { where: { tenantId, alertId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
