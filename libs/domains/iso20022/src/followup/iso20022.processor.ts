import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { TenantScanner } from '@domains/identity';
import { iso20022Queue, type Iso20022Jobs } from '../iso20022.queue.js';
import { StatusFollowupService } from './status-followup.service.js';

type Iso20022Job = Job<Iso20022Jobs['iso20022.status.followup'], number, 'iso20022.status.followup'>;

/** The iso20022 queue: every minute, the later status reports of payments an analyst has decided (every tenant). */
@Processor(iso20022Queue.name)
export class Iso20022Processor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly followups: StatusFollowupService,
    private readonly tenants: TenantScanner,
    @InjectQueue(iso20022Queue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule shared by every worker (the scheduler id makes it a single schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'iso20022.status.followup',
      { every: 60_000 },
      { name: 'iso20022.status.followup', data: {} },
    );
  }

  async process(job: Iso20022Job): Promise<number> {
    switch (job.name) {
      case 'iso20022.status.followup': {
        return this.tenants.sum((tenantId) => this.followups.followUp(tenantId));
      }
    }
  }
}
