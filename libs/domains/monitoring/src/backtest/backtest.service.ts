import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { JobProducer } from '@platform/queue';
import { AuditLedger } from '@domains/audit';
import { actorOf, type Principal } from '@domains/identity';
import { ModelVersionRepository } from '../model-registry/model-version.repository.js';
import { MonitoringError } from '../monitoring.errors.js';
import { monitoringBacktestQueue } from '../monitoring.queue.js';
import { RuleSetVersionRepository } from '../rule-set/rule-set-version.repository.js';
import type { BacktestEntity } from './backtest.entity.js';
import { BacktestRepository } from './backtest.repository.js';

/** The longest period one backtest replays. */
export const BACKTEST_MAX_DAYS = 366;

export interface BacktestRequest {
  readonly ruleSetId: string;
  readonly includeShadowModelId?: string;
  readonly from: Date;
  readonly to: Date;
}

function invalid(message: string): MonitoringError {
  return new MonitoringError('monitoring/backtest_invalid', 'unprocessable', message);
}

/** Backtests requested over HTTP: the row and its job (outbox) commit together; the worker replays. */
@Injectable()
export class BacktestService {
  constructor(
    private readonly backtests: BacktestRepository,
    private readonly ruleSets: RuleSetVersionRepository,
    private readonly models: ModelVersionRepository,
    private readonly jobs: JobProducer,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  async request(principal: Principal, request: BacktestRequest): Promise<BacktestEntity> {
    if (!(request.from < request.to)) throw invalid('`from` must be before `to`');
    if (request.to.getTime() - request.from.getTime() > BACKTEST_MAX_DAYS * 86_400_000) {
      throw invalid(`A backtest covers at most ${BACKTEST_MAX_DAYS} days`);
    }
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const ruleSet = await this.ruleSets.findById(tx, tenantId, request.ruleSetId);
        if (!ruleSet) throw new MonitoringError('monitoring/not_found', 'not_found', 'No such rule set in your tenant');
        if (ruleSet.status !== 'draft' && ruleSet.status !== 'pending_approval') {
          throw invalid(`Version ${ruleSet.version} is ${ruleSet.status}: backtest a draft against the published one`);
        }
        if (request.includeShadowModelId) {
          const model = await this.models.findById(tx, tenantId, request.includeShadowModelId);
          if (!model) throw new MonitoringError('monitoring/not_found', 'not_found', 'No such model in your tenant');
        }
        const actor = actorOf(principal);
        const row = await this.backtests.insert(tx, {
          tenantId,
          ruleSetId: ruleSet.id,
          shadowModelId: request.includeShadowModelId ?? null,
          from: request.from,
          to: request.to,
          requestedBy: actor.type === 'user' ? actor.id : null,
        });
        await this.jobs.enqueue(
          tx,
          monitoringBacktestQueue,
          'monitoring.backtest.run',
          { tenantId, backtestId: row.id },
          { jobId: `monitoring-backtest-${row.id}` },
        );
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'monitoring.backtest.requested',
          subject: { type: 'rule_set', id: ruleSet.id },
          payload: {
            backtestId: row.id,
            version: ruleSet.version,
            from: request.from.toISOString(),
            to: request.to.toISOString(),
            shadowModelId: request.includeShadowModelId ?? null,
          },
        });
        return row;
      },
      { tenantId },
    );
  }

  async get(tenantId: string, id: string): Promise<BacktestEntity> {
    const row = await this.transactions.run((tx) => this.backtests.findById(tx, tenantId, id), { tenantId });
    if (!row) throw new MonitoringError('monitoring/not_found', 'not_found', 'No such backtest in your tenant');
    return row;
  }

  list(tenantId: string): Promise<BacktestEntity[]> {
    return this.transactions.run((tx) => this.backtests.list(tx, tenantId), { tenantId });
  }
}
