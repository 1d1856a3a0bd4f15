import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { auditExportQueue, type AuditExportJobs } from '../audit.queue.js';
import { AuditExportJobService, type AuditExportJobOutcome } from './audit-export-job.service.js';

type BuildJob = Job<AuditExportJobs['audit.export.build'], AuditExportJobOutcome, 'audit.export.build'>;

/** Builds the evidence packs requested over HTTP (`audit-exports` queue), one at a time per worker. */
@Processor(auditExportQueue.name)
export class AuditExportProcessor extends WorkerHost {
  constructor(private readonly jobs: AuditExportJobService) {
    super();
  }

  async process(job: BuildJob): Promise<AuditExportJobOutcome> {
    // attemptsMade counts the attempts that already failed; this run is the last when no attempt remains after it.
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.jobs.run(job.data.tenantId, job.data.exportId, finalAttempt);
  }
}
