import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { CaseQueueEntity, type QueueAssignment, type QueueRouting, type QueueSlaMinutes } from './case-queue.entity.js';

export interface NewCaseQueue {
  readonly name: string;
  readonly description: string | null;
  readonly position: number;
  readonly routing: QueueRouting;
  readonly assignment: QueueAssignment;
  readonly memberIds: readonly string[];
  readonly slaMinutes: QueueSlaMinutes;
  readonly idleClaimMinutes: number;
}

export interface QueueCounts {
  readonly queueId: string;
  readonly open: number;
  readonly claimed: number;
  readonly breached: number;
}

@Injectable()
export class CaseQueueRepository {
  /** Routing order: by position, then name. */
  listOrdered(tx: Tx, tenantId: string): Promise<CaseQueueEntity[]> {
    return tx.find(CaseQueueEntity, { where: { tenantId }, order: { position: 'ASC', name: 'ASC' } });
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<CaseQueueEntity | null> {
    return tx.findOneBy(CaseQueueEntity, { tenantId, id });
  }

  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<CaseQueueEntity | null> {
    return tx
      .createQueryBuilder(CaseQueueEntity, 'q')
      .setLock('pessimistic_write')
      .where('q.tenantId = :tenantId AND q.id = :id', { tenantId, id })
      .getOne();
  }

  findByName(tx: Tx, tenantId: string, name: string): Promise<CaseQueueEntity | null> {
    return tx.findOneBy(CaseQueueEntity, { tenantId, name });
  }

  /** Serialises the lazy creation of a tenant's default queues (two first intakes at once create them once). */
  async lockTenantQueues(tx: Tx, tenantId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('case_queues:' || $1, 0))`, [tenantId]);
  }

  async insert(tx: Tx, tenantId: string, queue: NewCaseQueue): Promise<CaseQueueEntity> {
    const saved = await tx.save(
      tx.create(CaseQueueEntity, { tenantId, ...queue, memberIds: [...queue.memberIds], rrCursor: 0 }),
    );
    return saved;
  }

  async update(tx: Tx, tenantId: string, id: string, changes: Partial<NewCaseQueue>): Promise<void> {
    const { memberIds, ...rest } = changes;
    await tx.update(
      CaseQueueEntity,
      { tenantId, id },
      { ...rest, ...(memberIds ? { memberIds: [...memberIds] } : {}), updatedAt: new Date() },
    );
  }

  async setRrCursor(tx: Tx, tenantId: string, id: string, rrCursor: number): Promise<void> {
    await tx.update(CaseQueueEntity, { tenantId, id }, { rrCursor });
  }

  async counts(tx: Tx, tenantId: string): Promise<QueueCounts[]> {
    const rows: { queue_id: string; open: string; claimed: string; breached: string }[] = await tx.query(
      `SELECT queue_id,
              count(*) FILTER (WHERE status = 'open') AS open,
              count(*) FILTER (WHERE status = 'claimed') AS claimed,
              count(*) FILTER (WHERE sla_breached_at IS NOT NULL) AS breached
         FROM case_alerts WHERE tenant_id = $1 AND status IN ('open', 'claimed') GROUP BY queue_id`,
      [tenantId],
    );
    return rows.map((r) => ({
      queueId: r.queue_id,
      open: Number(r.open),
      claimed: Number(r.claimed),
      breached: Number(r.breached),
    }));
  }
}
