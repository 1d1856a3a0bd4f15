import { defineQueue } from '@platform/queue';

/** Jobs of the monitoring domain: the producer/consumer contract. */
export interface MonitoringJobs {
  /** Placeholder until the domain's first job lands. */
  'monitoring.noop': Record<string, never>;
}

export const monitoringQueue = defineQueue<MonitoringJobs>()('monitoring');
