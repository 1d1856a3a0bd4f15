import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { monitoringBacktestQueue, type MonitoringBacktestJobs } from '../monitoring.queue.js';
import { BacktestJobService, type BacktestJobOutcome } from './backtest-job.service.js';

type BacktestJob = Job<
  MonitoringBacktestJobs['monitoring.backtest.run'],
  BacktestJobOutcome,
  'monitoring.backtest.run'
>;

/** Runs the backtests requested over HTTP (`monitoring-backtests` queue). */
@Processor(monitoringBacktestQueue.name)
export class BacktestProcessor extends WorkerHost {
  constructor(private readonly backtests: BacktestJobService) {
    super();
  }

  async process(job: BacktestJob): Promise<BacktestJobOutcome> {
    return this.backtests.run(job.data.tenantId, job.data.backtestId);
  }
}
