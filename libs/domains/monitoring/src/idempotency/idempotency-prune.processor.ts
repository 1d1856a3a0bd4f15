import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { monitoringQueue, type MonitoringJobs } from '../monitoring.queue.js';
import { IdempotencyPruneService } from './idempotency-prune.service.js';

const JOB = 'monitoring.idempotency.prune';

type PruneJob = Job<MonitoringJobs[typeof JOB], number, typeof JOB>;

/** Schedules and runs the hourly deletion of expired Idempotency-Keys. */
@Processor(monitoringQueue.name)
export class IdempotencyPruneProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('IdempotencyPrune');

  constructor(
    private readonly prune: IdempotencyPruneService,
    @InjectQueue(monitoringQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One hourly schedule shared by every worker process (the scheduler id makes it one). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(JOB, { every: 3_600_000 }, { name: JOB, data: {} });
  }

  async process(job: PruneJob): Promise<number> {
    if (job.name !== JOB) {
      // One processor per queue: another monitoring job reaching this one means the jobs module is mis-wired.
      throw new Error(`IdempotencyPruneProcessor cannot run ${String(job.name)}`);
    }
    const removed = await this.prune.pruneExpired();
    if (removed > 0) this.logger.log(`deleted ${removed} expired idempotency keys`);
    return removed;
  }
}
