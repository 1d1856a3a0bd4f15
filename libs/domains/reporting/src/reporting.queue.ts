import { defineQueue } from '@platform/queue';

/** Jobs of the reporting queue: the producer/consumer contract. */
export interface ReportingJobs {
  /** Hourly: reminders before and overdue alerts after each report's due date, and continuing-activity reviews where configured. */
  'reporting.deadlines.scan': Record<string, never>;
  /** Daily: find cash over $10,000 in one business day per person and open CTR drafts. */
  'reporting.ctr.scan': Record<string, never>;
}

export const reportingQueue = defineQueue<ReportingJobs>()('reporting');
