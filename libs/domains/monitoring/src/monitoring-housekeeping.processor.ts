import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CounterpartyScreeningService } from './counterparty/counterparty-screening.service.js';
import { IdempotencyPruneService } from './idempotency/idempotency-prune.service.js';
import { monitoringQueue, type MonitoringJobs } from './monitoring.queue.js';

type HousekeepingJob = Job<MonitoringJobs[keyof MonitoringJobs], number, keyof MonitoringJobs>;

/**
 * The monitoring queue's one processor: schedules and runs the hourly housekeeping jobs (expired Idempotency-Keys,
 * screening of recent counterparties). One schedule per job is shared by every worker process (the scheduler id).
 */
@Processor(monitoringQueue.name)
export class MonitoringHousekeepingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('MonitoringHousekeeping');

  constructor(
    private readonly prune: IdempotencyPruneService,
    private readonly counterparties: CounterpartyScreeningService,
    @InjectQueue(monitoringQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const hourly = { every: 3_600_000 };
    await this.queue.upsertJobScheduler('monitoring.idempotency.prune', hourly, {
      name: 'monitoring.idempotency.prune',
      data: {},
    });
    await this.queue.upsertJobScheduler('monitoring.counterparties.screen', hourly, {
      name: 'monitoring.counterparties.screen',
      data: {},
    });
  }

  async process(job: HousekeepingJob): Promise<number> {
    switch (job.name) {
      case 'monitoring.idempotency.prune': {
        const removed = await this.prune.pruneExpired();
        if (removed > 0) this.logger.log(`deleted ${removed} expired idempotency keys`);
        return removed;
      }
      case 'monitoring.counterparties.screen': {
        const screened = await this.counterparties.screenRecent();
        if (screened > 0) this.logger.log(`screened ${screened} recent counterparties`);
        return screened;
      }
    }
  }
}
