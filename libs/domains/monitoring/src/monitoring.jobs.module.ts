import { Module } from '@nestjs/common';
import { BacktestProcessor } from './backtest/backtest.processor.js';
import { MonitoringHousekeepingProcessor } from './monitoring-housekeeping.processor.js';
import { MonitoringModule } from './monitoring.module.js';

/** The monitoring processors (imported by apps/worker only). */
@Module({ imports: [MonitoringModule], providers: [MonitoringHousekeepingProcessor, BacktestProcessor] })
export class MonitoringJobsModule {}
