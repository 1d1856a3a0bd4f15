import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { TenantScanner } from '@domains/identity';
import { casesQueue, type CasesJobs } from '../cases.queue.js';
import { CaseDeadlineService } from './case-deadline.service.js';

type CasesJob = Job<CasesJobs['cases.deadlines.scan'], number, 'cases.deadlines.scan'>;

/** The cases queue: the hourly regulatory-clock scan of every tenant. */
@Processor(casesQueue.name)
export class CasesProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly deadlines: CaseDeadlineService,
    private readonly tenants: TenantScanner,
    @InjectQueue(casesQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One hourly schedule shared by every worker (the scheduler id makes it a single schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'cases.deadlines.scan',
      { every: 3_600_000 },
      { name: 'cases.deadlines.scan', data: {} },
    );
  }

  async process(job: CasesJob): Promise<number> {
    switch (job.name) {
      case 'cases.deadlines.scan': {
        return this.tenants.sum((tenantId) => this.deadlines.scan(tenantId));
      }
    }
  }
}
