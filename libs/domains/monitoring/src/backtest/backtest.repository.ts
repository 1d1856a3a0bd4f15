import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { BacktestEntity } from './backtest.entity.js';
import type { BacktestResult } from './backtest.result.js';

export type NewBacktest = Pick<
  BacktestEntity,
  'tenantId' | 'ruleSetId' | 'shadowModelId' | 'from' | 'to' | 'requestedBy'
>;

@Injectable()
export class BacktestRepository {
  insert(tx: Tx, backtest: NewBacktest): Promise<BacktestEntity> {
    return tx.save(tx.create(BacktestEntity, { ...backtest, status: 'queued', processed: 0 }));
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<BacktestEntity | null> {
    return tx.findOneBy(BacktestEntity, { tenantId, id });
  }

  list(tx: Tx, tenantId: string): Promise<BacktestEntity[]> {
    return tx.find(BacktestEntity, { where: { tenantId }, order: { createdAt: 'DESC' }, take: 100 });
  }

  async start(tx: Tx, tenantId: string, id: string, total: number): Promise<void> {
    await tx.update(BacktestEntity, { tenantId, id }, { status: 'running', total, processed: 0, error: null });
  }

  async progress(tx: Tx, tenantId: string, id: string, processed: number): Promise<void> {
    await tx.update(BacktestEntity, { tenantId, id }, { processed });
  }

  async complete(tx: Tx, tenantId: string, id: string, result: BacktestResult): Promise<void> {
    await tx.update(
      BacktestEntity,
      { tenantId, id },
      { status: 'completed', result, processed: result.transactions, completedAt: new Date() },
    );
  }

  async fail(tx: Tx, tenantId: string, id: string, error: string): Promise<void> {
    await tx.update(BacktestEntity, { tenantId, id }, { status: 'failed', error, completedAt: new Date() });
  }
}
