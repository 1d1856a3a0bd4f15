import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AppConfig } from '@platform/config';
import { auditQueue, type AuditJobs } from '../audit.queue.js';
import { AuditAnchoringService, type AnchoringSummary } from './audit-anchoring.service.js';

const JOB = 'audit.checkpoints.anchor';

type AnchorJob = Job<AuditJobs[typeof JOB], AnchoringSummary, typeof JOB>;

@Processor(auditQueue.name)
export class AnchorCheckpointsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuditAnchoring');

  constructor(
    private readonly anchoring: AuditAnchoringService,
    private readonly config: AppConfig,
    @InjectQueue(auditQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule shared by every worker (the scheduler id makes it one); removed when no anchor is configured. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.anchoring.kinds.length === 0) {
      await this.queue.removeJobScheduler(JOB);
      return;
    }
    await this.queue.upsertJobScheduler(
      JOB,
      { every: this.config.values.AUDIT_ANCHOR_INTERVAL_SECONDS * 1_000 },
      { name: JOB, data: {} },
    );
  }

  async process(job: AnchorJob): Promise<AnchoringSummary> {
    const summary = await this.anchoring.anchorPending();
    if (summary.anchored > 0 || summary.failed > 0) {
      this.logger.log(
        `job ${job.id ?? ''}: ${summary.anchored} receipt(s) stored, ${summary.failed} anchor failure(s)`,
      );
    }
    return summary;
  }
}
