import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OutboxJobRepository, QueueRegistry } from '@platform/queue';

/** The process's Prometheus registry: HTTP latency, queue depth and outbox lag, plus Node's defaults. */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly problems: Counter<'code'>;

  constructor(queues: QueueRegistry, outbox: OutboxJobRepository) {
    collectDefaultMetrics({ register: this.registry, prefix: 'verity_' });
    this.httpDuration = new Histogram({
      name: 'verity_http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.problems = new Counter({
      name: 'verity_http_problems_total',
      help: 'Problem responses by code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'verity_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const depths = await queues.depths().catch(() => []);
        for (const d of depths) {
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) {
            this.set({ queue: d.name, state }, d[state]);
          }
        }
      },
    });
    const backlog = (): Promise<{ pending: number; oldestPendingAgeSeconds: number }> =>
      outbox.backlog().catch(() => ({ pending: 0, oldestPendingAgeSeconds: 0 }));
    new Gauge({
      name: 'verity_outbox_pending_jobs',
      help: 'Outbox jobs committed but not yet delivered to the queue backend',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).pending);
      },
    });
    new Gauge({
      name: 'verity_outbox_lag_seconds',
      help: 'Age of the oldest undelivered outbox job',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).oldestPendingAgeSeconds);
      },
    });
  }
}
