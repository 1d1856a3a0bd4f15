import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Tx } from '@platform/database';
import { AlertEntity } from '../alert/alert.entity.js';
import { TransactionEntity } from '../transaction/transaction.entity.js';

/** A stored transaction as a replay needs it: the stored facts and scores, and its alert's disposition. */
export interface ReplayTransaction {
  readonly id: string;
  readonly externalId: string;
  readonly bookedAt: Date;
  readonly features: Record<string, unknown>;
  readonly decision: 'allow' | 'review' | 'block';
  readonly modelScore: number;
  readonly shadowScores: { modelVersionId: string; score: number }[];
  readonly screeningHit: boolean;
  readonly disposition: 'true_positive' | 'false_positive' | null;
}

interface ReplayRow {
  id: string;
  external_id: string;
  booked_at: Date;
  features: Record<string, unknown>;
  decision: 'allow' | 'review' | 'block';
  model_score: number;
  shadow_scores: { modelVersionId: string; score: number }[] | null;
  reasons: { kind: string }[] | null;
  disposition: 'true_positive' | 'false_positive' | null;
}

function toReplay(row: ReplayRow): ReplayTransaction {
  return {
    id: row.id,
    externalId: row.external_id,
    bookedAt: row.booked_at,
    features: row.features,
    decision: row.decision,
    modelScore: Number(row.model_score),
    shadowScores: row.shadow_scores ?? [],
    screeningHit: (row.reasons ?? []).some((r) => r.kind === 'screening'),
    disposition: row.disposition,
  };
}

/** Reads the monitoring domain's stored transactions (written by the decision path) for dry runs and backtests. */
@Injectable()
export class ReplayTransactionRepository {
  private select(tx: Tx) {
    return tx
      .createQueryBuilder(TransactionEntity, 't')
      .leftJoin(AlertEntity, 'a', 'a.tenantId = t.tenantId AND a.transactionId = t.id')
      .select([
        't.id AS id',
        't.externalId AS external_id',
        't.bookedAt AS booked_at',
        't.features AS features',
        't.decision AS decision',
        't.modelScore AS model_score',
        't.shadowScores AS shadow_scores',
        't.reasons AS reasons',
        'a.disposition AS disposition',
      ]);
  }

  async findByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<ReplayTransaction[]> {
    if (ids.length === 0) return [];
    const rows = await this.select(tx)
      .where('t.tenantId = :tenantId', { tenantId })
      .andWhere({ id: In([...ids]) })
      .getRawMany<ReplayRow>();
    return rows.map(toReplay);
  }

  countBetween(tx: Tx, tenantId: string, from: Date, to: Date): Promise<number> {
    return tx
      .createQueryBuilder(TransactionEntity, 't')
      .where('t.tenantId = :tenantId AND t.bookedAt >= :from AND t.bookedAt < :to', { tenantId, from, to })
      .getCount();
  }

  /** One page in (bookedAt, id) order after the given position (keyset pagination). */
  async pageBetween(
    tx: Tx,
    tenantId: string,
    range: { from: Date; to: Date },
    after: { bookedAt: Date; id: string } | null,
    limit: number,
  ): Promise<ReplayTransaction[]> {
    const query = this.select(tx)
      .where('t.tenantId = :tenantId AND t.bookedAt >= :from AND t.bookedAt < :to', {
        tenantId,
        from: range.from,
        to: range.to,
      })
      .orderBy('t.bookedAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(limit);
    if (after) {
      query.andWhere('(t.bookedAt, t.id) > (:afterAt, :afterId)', { afterAt: after.bookedAt, afterId: after.id });
    }
    return (await query.getRawMany<ReplayRow>()).map(toReplay);
  }
}
