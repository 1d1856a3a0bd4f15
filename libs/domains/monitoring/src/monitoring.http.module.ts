import { Module } from '@nestjs/common';
import { BacktestController } from './backtest/backtest.controller.js';
import { ModelRegistryController } from './model-registry/model-registry.controller.js';
import { MonitoringModule } from './monitoring.module.js';
import { RuleSetController } from './rule-set/rule-set.controller.js';
import { TransactionController } from './transaction/transaction.controller.js';

/** The monitoring routes (imported by apps/api only). */
@Module({
  imports: [MonitoringModule],
  controllers: [TransactionController, RuleSetController, ModelRegistryController, BacktestController],
})
export class MonitoringHttpModule {}
