import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { CustomersModule } from '@domains/customers';
import { IdentityModule } from '@domains/identity';
import { ScreeningModule } from '@domains/screening';
import { WebhooksModule } from '@domains/webhooks';
import { AlertEntity } from './alert/alert.entity.js';
import { AlertRepository } from './alert/alert.repository.js';
import { MonitoringAlertFeed } from './alert/monitoring-alert.feed.js';
import { DecisionConfigCache } from './decision/decision-config.cache.js';
import { DecisionModelLoader } from './decision/decision-model.loader.js';
import { OnnxModelLoader } from './decision/onnx-model.loader.js';
import { TransactionDecisionService } from './decision/transaction-decision.service.js';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';
import { DecisionRepository } from './decision/decision.repository.js';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository.js';
import { IdempotencyPruneService } from './idempotency/idempotency-prune.service.js';
import { CounterpartyScreeningService } from './counterparty/counterparty-screening.service.js';
import { RecentCounterpartyRepository } from './counterparty/recent-counterparty.repository.js';
import { AmountConverter } from './transaction/amount.converter.js';
import { TransactionEntity } from './transaction/transaction.entity.js';
import { TransactionQueryService } from './transaction/transaction-query.service.js';
import { TransactionFlowReader } from './transaction/transaction-flow.reader.js';
import { TransactionRepository } from './transaction/transaction.repository.js';
import { AccountTransactionReader } from './transaction/account-transaction.reader.js';
import { AccountTransactionRepository } from './transaction/account-transaction.repository.js';
import { BacktestJobService } from './backtest/backtest-job.service.js';
import { BacktestEntity } from './backtest/backtest.entity.js';
import { BacktestRepository } from './backtest/backtest.repository.js';
import { BacktestService } from './backtest/backtest.service.js';
import { ReplayTransactionRepository } from './backtest/replay-transaction.repository.js';
import { ModelRegistryService } from './model-registry/model-registry.service.js';
import { ModelVersionEntity } from './model-registry/model-version.entity.js';
import { ModelVersionRepository } from './model-registry/model-version.repository.js';
import { PublishedConfigReader } from './rule-set/published-config.reader.js';
import { PublishedConfigRepository } from './rule-set/published-config.repository.js';
import { RuleSetVersionEntity } from './rule-set/rule-set-version.entity.js';
import { RuleSetVersionRepository } from './rule-set/rule-set-version.repository.js';
import { RuleSetService } from './rule-set/rule-set.service.js';

/** The monitoring domain: services and repositories (shared by apps/api and apps/worker). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      RuleSetVersionEntity,
      ModelVersionEntity,
      BacktestEntity,
      TransactionEntity,
      IdempotencyKeyEntity,
      AlertEntity,
    ]),
    AuditModule,
    IdentityModule,
    CustomersModule,
    ScreeningModule,
    WebhooksModule,
  ],
  providers: [
    RuleSetVersionRepository,
    ModelVersionRepository,
    PublishedConfigRepository,
    PublishedConfigReader,
    RuleSetService,
    ModelRegistryService,
    ReplayTransactionRepository,
    BacktestRepository,
    BacktestService,
    BacktestJobService,
    TransactionRepository,
    IdempotencyKeyRepository,
    DecisionRepository,
    AlertRepository,
    AmountConverter,
    DecisionConfigCache,
    { provide: DecisionModelLoader, useClass: OnnxModelLoader },
    TransactionDecisionService,
    TransactionQueryService,
    TransactionFlowReader,
    AccountTransactionRepository,
    AccountTransactionReader,
    MonitoringAlertFeed,
    IdempotencyPruneService,
    RecentCounterpartyRepository,
    CounterpartyScreeningService,
  ],
  exports: [
    PublishedConfigReader,
    RuleSetService,
    ModelRegistryService,
    BacktestService,
    BacktestJobService,
    TransactionDecisionService,
    TransactionQueryService,
    TransactionFlowReader,
    AccountTransactionReader,
    MonitoringAlertFeed,
    IdempotencyPruneService,
    CounterpartyScreeningService,
  ],
})
export class MonitoringModule {}
