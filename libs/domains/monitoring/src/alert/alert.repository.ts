import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { DecisionReason } from '../transaction/transaction.entity.js';
import { AlertEntity, type AlertStatus } from './alert.entity.js';

export interface NewAlert {
  readonly tenantId: string;
  readonly transactionId: string;
  readonly decision: 'review' | 'block';
  readonly score: number;
  readonly reasons: readonly DecisionReason[];
}

@Injectable()
export class AlertRepository {
  async insert(tx: Tx, alert: NewAlert): Promise<string> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO monitoring_alerts (tenant_id, transaction_id, decision, score, reasons) VALUES ($1, $2, $3, $4, $5)
       RETURNING id`,
      [alert.tenantId, alert.transactionId, alert.decision, alert.score, JSON.stringify(alert.reasons)],
    );
    return rows[0].id;
  }

  /** Newest first, keyset-paged by id. */
  async list(
    tx: Tx,
    tenantId: string,
    filter: { status?: AlertStatus; limit: number; cursor?: string },
  ): Promise<AlertEntity[]> {
    const q = tx.createQueryBuilder(AlertEntity, 'a').where('a.tenantId = :tenantId', { tenantId });
    if (filter.status !== undefined) q.andWhere('a.status = :status', { status: filter.status });
    if (filter.cursor !== undefined) {
      q.andWhere(
        '(a.createdAt, a.id) < (SELECT c.created_at, c.id FROM monitoring_alerts c WHERE c.tenant_id = :tenantId AND c.id = :cursor)',
        { cursor: filter.cursor },
      );
    }
    return q.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC').limit(filter.limit).getMany();
  }

  countAll(tx: Tx, tenantId: string): Promise<number> {
    return tx.countBy(AlertEntity, { tenantId });
  }
}
