import { defineQueue } from '@platform/queue';

/** Jobs of the screening domain: the producer/consumer contract. */
export interface ScreeningJobs {
  /** Parses the files stored on a list version, computes its delta and activates it (or marks it failed). */
  'screening.list.import': { tenantId: string; versionId: string };
  /** Re-screens the tenant's subjects against the entries a newly active version added or changed. */
  'screening.subjects.rescreen': { tenantId: string; versionId: string };
}

export const screeningQueue = defineQueue<ScreeningJobs>()('screening');
