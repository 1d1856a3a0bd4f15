import { defineQueue } from '@platform/queue';

/** Jobs of the screening domain: the producer/consumer contract. */
export interface ScreeningJobs {
  /** Placeholder until the domain's first job lands. */
  'screening.noop': Record<string, never>;
}

export const screeningQueue = defineQueue<ScreeningJobs>()('screening');
