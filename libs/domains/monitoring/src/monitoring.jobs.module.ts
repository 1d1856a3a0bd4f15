import { Module } from '@nestjs/common';
import { BacktestProcessor } from './backtest/backtest.processor.js';
import { IdempotencyPruneProcessor } from './idempotency/idempotency-prune.processor.js';
import { MonitoringModule } from './monitoring.module.js';

/** The monitoring processors (imported by apps/worker only). */
@Module({ imports: [MonitoringModule], providers: [IdempotencyPruneProcessor, BacktestProcessor] })
export class MonitoringJobsModule {}
