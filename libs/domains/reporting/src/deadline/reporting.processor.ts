import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { TenantScanner } from '@domains/identity';
import { CtrScanService } from '../ctr/ctr-scan.service.js';
import { reportingQueue, type ReportingJobs } from '../reporting.queue.js';
import { ReportDeadlineService } from './report-deadline.service.js';

/** The daily CTR scan looks back this many days (the previous business day included). */
const CTR_RESCAN_DAYS = 7;

type ReportingJob =
  | Job<ReportingJobs['reporting.deadlines.scan'], number, 'reporting.deadlines.scan'>
  | Job<ReportingJobs['reporting.ctr.scan'], number, 'reporting.ctr.scan'>;

/**
 * The reporting queue, tenant by tenant: the hourly deadline scan and the daily CTR scan of the week up to the previous
 * business day.
 */
@Processor(reportingQueue.name)
export class ReportingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportingJobs');

  constructor(
    private readonly deadlines: ReportDeadlineService,
    private readonly ctr: CtrScanService,
    private readonly tenants: TenantScanner,
    @InjectQueue(reportingQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule per job shared by every worker (the scheduler id makes each a single schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'reporting.deadlines.scan',
      { every: 3_600_000 },
      { name: 'reporting.deadlines.scan', data: {} },
    );
    await this.queue.upsertJobScheduler(
      'reporting.ctr.scan',
      { every: 86_400_000 },
      { name: 'reporting.ctr.scan', data: {} },
    );
  }

  async process(job: ReportingJob): Promise<number> {
    // One day for the whole run, even if scanning every tenant takes it past midnight. The CTR scan covers the week up
    // to it (a person-day with its CTR is skipped), so days a missed or failed run left out are scanned the next day.
    const day = this.ctr.previousBusinessDay();
    const done = await this.tenants.sum(async (tenantId) => {
      switch (job.name) {
        case 'reporting.deadlines.scan':
          return this.deadlines.scan(tenantId);
        case 'reporting.ctr.scan':
          return (
            await this.ctr.scanDaysUpTo(tenantId, day, CTR_RESCAN_DAYS, { type: 'system', id: 'reporting.ctr.scan' })
          )
            .map((outcome) => outcome.created.length)
            .reduce((a, b) => a + b, 0);
      }
    });
    this.logger.log(`${job.name}: ${done}`);
    return done;
  }
}
