import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { TenantContext, TransactionRunner } from '@platform/database';
import { MetricsRegistry } from '@platform/http';
import { TenantRepository } from '@domains/identity';
import { CaseAlertRepository } from './case-alert.repository.js';

type Counts = Awaited<ReturnType<CaseAlertRepository['metricCounts']>>;

/**
 * Alert metrics on the api's /metrics, read from the database at scrape time (the SLA job runs in the worker), summed
 * over tenants per queue name: `verity_alert_sla_breaches_total{queue,priority}` (alerts ever marked breached; the
 * priority is the one after the SLA bump) and `verity_alerts_open{queue}` (open or claimed).
 */
@Injectable()
export class AlertMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly tenants: TenantRepository,
    private readonly alerts: CaseAlertRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    // A scrape collects both metrics at once: they share one read of every tenant's counts.
    let reading: Promise<Counts | undefined> | null = null;
    const read = (): Promise<Counts | undefined> =>
      (reading ??= this.read()
        .catch(() => undefined)
        .finally(() => {
          reading = null;
        }));
    new Counter({
      name: 'verity_alert_sla_breaches_total',
      help: 'Alerts that passed their SLA due time and were escalated by the SLA job, by queue and priority',
      labelNames: ['queue', 'priority'],
      registers,
      async collect() {
        const counts = await read();
        if (!counts) return;
        this.reset();
        for (const b of counts.breaches) this.inc({ queue: b.queue, priority: b.priority }, b.n);
      },
    });
    new Gauge({
      name: 'verity_alerts_open',
      help: 'Open or claimed alerts by queue',
      labelNames: ['queue'],
      registers,
      async collect() {
        const counts = await read();
        if (!counts) return;
        this.reset();
        for (const o of counts.open) this.inc({ queue: o.queue }, o.n);
      },
    });
  }

  private async read(): Promise<Counts> {
    const total: Counts = { open: [], breaches: [] };
    for (const tenantId of await this.tenants.listIds()) {
      const c = await TenantContext.run(tenantId, () =>
        this.transactions.run((tx) => this.alerts.metricCounts(tx, tenantId), { tenantId }),
      );
      total.open.push(...c.open);
      total.breaches.push(...c.breaches);
    }
    return total;
  }
}
