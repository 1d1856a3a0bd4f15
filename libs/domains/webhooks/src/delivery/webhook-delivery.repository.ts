import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity.js';
import { WebhookDeliveryEntity, type WebhookDeliveryStatus } from './webhook-delivery.entity.js';

export interface WebhookAttemptRecord {
  readonly attempt: number;
  readonly attemptedAt: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** How an attempt leaves its delivery. */
export type WebhookAttemptOutcome =
  | { readonly status: 'delivered' }
  | { readonly status: 'pending'; readonly nextAttemptAt: Date }
  | { readonly status: 'failed' };

export interface WebhookDeliveryListFilter {
  readonly endpointId?: string;
  readonly status?: WebhookDeliveryStatus;
  readonly limit: number;
}

export interface WebhookDeliveryRow {
  readonly delivery: WebhookDeliveryEntity;
  readonly messageType: string;
  readonly attempts: WebhookDeliveryAttemptEntity[];
}

/** Every method takes the transaction and the tenant. */
@Injectable()
export class WebhookDeliveryRepository {
  insert(tx: Tx, delivery: Pick<WebhookDeliveryEntity, 'tenantId' | 'messageId' | 'endpointId'>) {
    return tx.save(
      tx.create(WebhookDeliveryEntity, { ...delivery, status: 'pending', attemptCount: 0, nextAttemptAt: new Date() }),
    );
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    return tx.findOneBy(WebhookDeliveryEntity, { tenantId, id });
  }

  /**
   * Holds a pending delivery for attempt number `attempt` during `leaseSeconds`. `claimed` only when the delivery is
   * still pending, `attempt` is its next attempt and no other attempt holds it; `held` when another attempt of the same
   * number holds it (in flight, or crashed before recording: the lease runs out); `stale` when the attempt was made
   * already or the delivery is no longer pending.
   */
  async claim(
    tx: Tx,
    tenantId: string,
    id: string,
    attempt: number,
    leaseSeconds: number,
  ): Promise<'claimed' | 'held' | 'stale'> {
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE webhook_deliveries SET locked_until = now() + make_interval(secs => $4)
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND attempt_count = $3 - 1
          AND (locked_until IS NULL OR locked_until < now())
      RETURNING id`,
      [tenantId, id, attempt, leaseSeconds],
    );
    if (rows.length === 1) return 'claimed';
    const [held]: { held: boolean }[] = await tx.query(
      `SELECT true AS held FROM webhook_deliveries
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND attempt_count = $3 - 1 AND locked_until >= now()`,
      [tenantId, id, attempt],
    );
    return held ? 'held' : 'stale';
  }

  /**
   * Records attempt `attempt` and what it means for the delivery; false (and nothing written) when the attempt was
   * already recorded.
   */
  async recordAttempt(
    tx: Tx,
    tenantId: string,
    id: string,
    attempt: WebhookAttemptRecord,
    outcome: WebhookAttemptOutcome,
  ): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE webhook_deliveries
          SET attempt_count = $3, status = $4, locked_until = NULL,
              next_attempt_at = $5, delivered_at = CASE WHEN $4 = 'delivered' THEN now() ELSE NULL END
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending' AND attempt_count = $3 - 1
      RETURNING id`,
      [tenantId, id, attempt.attempt, outcome.status, outcome.status === 'pending' ? outcome.nextAttemptAt : null],
    );
    if (rows.length === 0) return false;
    await tx.insert(WebhookDeliveryAttemptEntity, { tenantId, deliveryId: id, ...attempt });
    return true;
  }

  /**
   * Pending deliveries whose next attempt was due more than `overdueSeconds` ago and that no attempt holds: their job
   * was lost. Each one's next attempt is moved to now, so it is not picked again until it is overdue again.
   */
  async takeOverdue(
    tx: Tx,
    tenantId: string,
    overdueSeconds: number,
    limit: number,
  ): Promise<{ id: string; nextAttempt: number }[]> {
    const [rows]: [{ id: string; attempt_count: number }[], number] = await tx.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now()
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE tenant_id = $1 AND status = 'pending'
                        AND next_attempt_at < now() - make_interval(secs => $2)
                        AND (locked_until IS NULL OR locked_until < now())
                      ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING id, attempt_count`,
      [tenantId, overdueSeconds, limit],
    );
    return rows.map((r) => ({ id: r.id, nextAttempt: r.attempt_count + 1 }));
  }

  /** Ends a pending delivery without an attempt (its endpoint was disabled or removed). */
  async abandon(tx: Tx, tenantId: string, id: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_deliveries SET status = 'failed', locked_until = NULL, next_attempt_at = NULL
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [tenantId, id],
    );
  }

  /** The tenant's deliveries, newest first, each with its message type and attempts (oldest first). */
  async list(tx: Tx, tenantId: string, filter: WebhookDeliveryListFilter): Promise<WebhookDeliveryRow[]> {
    const query = tx
      .createQueryBuilder(WebhookDeliveryEntity, 'd')
      .innerJoin('webhook_messages', 'm', 'm.id = d.message_id AND m.tenant_id = d.tenant_id')
      .addSelect('m.type', 'message_type')
      .where('d.tenantId = :tenantId', { tenantId })
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(filter.limit);
    if (filter.endpointId) query.andWhere('d.endpointId = :endpointId', { endpointId: filter.endpointId });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    const { entities, raw } = await query.getRawAndEntities<{ d_id: string; message_type: string }>();
    if (entities.length === 0) return [];
    const attempts = await tx
      .createQueryBuilder(WebhookDeliveryAttemptEntity, 'a')
      .where('a.tenantId = :tenantId AND a.deliveryId IN (:...ids)', { tenantId, ids: entities.map((d) => d.id) })
      .orderBy('a.attempt', 'ASC')
      .getMany();
    const types = new Map(raw.map((r) => [r.d_id, r.message_type]));
    return entities.map((delivery) => ({
      delivery,
      messageType: types.get(delivery.id) ?? '',
      attempts: attempts.filter((a) => a.deliveryId === delivery.id),
    }));
  }
}
