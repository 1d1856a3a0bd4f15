import { defineQueue } from '@platform/queue';

/** Jobs of the monitoring domain: the producer/consumer contract. */
export interface MonitoringJobs {
  /** Deletes expired Idempotency-Keys, tenant by tenant (repeatable, hourly). Idempotent. */
  'monitoring.idempotency.prune': Record<string, never>;
  /**
   * Screens the counterparties of the last two hours' transactions as screening subjects (skipping those screened in
   * the last day), so list changes re-screen them and their hits reach the hit queue (repeatable, hourly). Idempotent.
   */
  'monitoring.counterparties.screen': Record<string, never>;
}

export const monitoringQueue = defineQueue<MonitoringJobs>()('monitoring');

/**
 * Backtests requested over HTTP, run by the worker: a queue of their own (one processor per queue), so a long replay
 * never delays the domain's housekeeping jobs.
 */
export interface MonitoringBacktestJobs {
  /**
   * Replays the stored transactions of one `monitoring_backtests` row through its draft rule set and the published
   * one, storing progress and the result on the row. Idempotent: a completed or failed backtest is skipped.
   */
  'monitoring.backtest.run': { readonly tenantId: string; readonly backtestId: string };
}

export const monitoringBacktestQueue = defineQueue<MonitoringBacktestJobs>()('monitoring-backtests');
