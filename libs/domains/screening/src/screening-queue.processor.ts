import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { TenantContext } from '@platform/database';
import { ListImportJobService, type ListImportOutcome } from './list/list-import-job.service.js';
import { RescreenJobService, type RescreenOutcome } from './rescreen/rescreen-job.service.js';
import type { ScreeningJobs } from './screening.queue.js';
import { screeningQueue } from './screening.queue.js';

type ScreeningJob = {
  [N in keyof ScreeningJobs]: Job<ScreeningJobs[N], unknown, N>;
}[keyof ScreeningJobs];

/** The screening queue's jobs: list imports and the re-screening a new list version starts. */
@Processor(screeningQueue.name)
export class ScreeningQueueProcessor extends WorkerHost {
  constructor(
    private readonly imports: ListImportJobService,
    private readonly rescreens: RescreenJobService,
  ) {
    super();
  }

  async process(job: ScreeningJob): Promise<ListImportOutcome | RescreenOutcome> {
    const { tenantId, versionId } = job.data;
    switch (job.name) {
      case 'screening.list.import':
        return TenantContext.run(tenantId, () => this.imports.run(tenantId, versionId));
      case 'screening.subjects.rescreen':
        return TenantContext.run(tenantId, () => this.rescreens.run(tenantId, versionId));
    }
  }
}
