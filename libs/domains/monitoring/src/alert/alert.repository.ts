import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { DecisionReason } from '../transaction/transaction.entity.js';
import { AlertEntity } from './alert.entity.js';

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

  countAll(tx: Tx, tenantId: string): Promise<number> {
    return tx.countBy(AlertEntity, { tenantId });
  }
}
