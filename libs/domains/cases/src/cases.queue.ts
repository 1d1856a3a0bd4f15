import { defineQueue } from '@platform/queue';

/** Jobs of the cases-alerts queue: the producer/consumer contract. */
export interface CasesAlertsJobs {
  /** Every few seconds (one schedule for all workers): turn new monitoring alerts, screening hits and KYC reviews of every tenant into queued alerts. Idempotent: a source item becomes at most one alert. */
  'cases.alerts.intake': Record<string, never>;
  /** Every minute: escalate alerts past their SLA due time, once each (a crashed run that runs again escalates nothing twice), and release claims idle for too long. */
  'cases.alerts.sla': Record<string, never>;
}

export const casesAlertsQueue = defineQueue<CasesAlertsJobs>()('cases-alerts');

/** Jobs of the cases queue: the producer/consumer contract. */
export interface CasesJobs {
  /** Hourly: reminders before and overdue alerts after the regulatory due date of cases whose closure decided a report is needed. */
  'cases.deadlines.scan': Record<string, never>;
}

export const casesQueue = defineQueue<CasesJobs>()('cases');
