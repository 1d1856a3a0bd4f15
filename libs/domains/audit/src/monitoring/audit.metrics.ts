import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry, ReadinessRegistry } from '@platform/http';
import type { AuditBacklog } from '../sequencer/audit-tree.repository.js';
import { AuditHealthService } from './audit-health.service.js';
import {
  AuditPublicationFailureRepository,
  type PublicationFailureTotal,
} from './audit-publication-failure.repository.js';

/**
 * The ledger's metrics on the api's /metrics, and its readiness check. Values come from the database, so they are the
 * same whichever api instance is scraped, and they cover the sequencer wherever it runs.
 */
@Injectable()
export class AuditMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly readiness: ReadinessRegistry,
    private readonly health: AuditHealthService,
    private readonly failures: AuditPublicationFailureRepository,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const read = (): Promise<AuditBacklog | undefined> => this.health.backlog().catch(() => undefined);
    new Counter({
      name: 'verity_audit_entries_appended_total',
      help: 'Entries integrated into the audit Merkle trees (all logs); its rate is the append rate',
      registers,
      async collect() {
        const backlog = await read();
        // The database holds the true count; setting it each scrape keeps the counter monotonic across restarts.
        if (backlog) {
          this.reset();
          this.inc(backlog.appended);
        }
      },
    });
    new Gauge({
      name: 'verity_audit_entries_pending',
      help: 'Committed audit entries not yet integrated into a tree',
      registers,
      async collect() {
        this.set((await read())?.pending ?? 0);
      },
    });
    new Gauge({
      name: 'verity_audit_integration_lag_seconds',
      help: 'Age of the oldest committed audit entry not yet integrated into a tree (0 when none)',
      registers,
      async collect() {
        this.set((await read())?.oldestPendingAgeSeconds ?? 0);
      },
    });
    new Gauge({
      name: 'verity_audit_uncheckpointed_age_seconds',
      help: 'Age of the oldest audit entry no signed checkpoint covers yet (0 when none); readiness fails above AUDIT_STALL_SECONDS',
      registers,
      async collect() {
        this.set((await read())?.oldestUncheckpointedAgeSeconds ?? 0);
      },
    });
    new Gauge({
      name: 'verity_audit_checkpoint_age_seconds',
      help: 'Time since the newest signed audit checkpoint of any log (absent before the first)',
      registers,
      async collect() {
        this.reset();
        const age = (await read())?.newestCheckpointAgeSeconds;
        if (age !== null && age !== undefined) this.set(age);
      },
    });
    const failureTotals = (): Promise<PublicationFailureTotal[] | undefined> =>
      this.failures.totals().catch(() => undefined);
    new Counter({
      name: 'verity_audit_witness_failures_total',
      help: 'Checkpoints the worker could not publish because fewer than AUDIT_WITNESS_QUORUM witnesses cosigned them (all logs)',
      registers,
      async collect() {
        const totals = await failureTotals();
        // Counted in the database by the worker; set on each scrape, like the appended total.
        if (totals) {
          this.reset();
          this.inc(totals.filter((t) => t.stage === 'witness').reduce((sum, t) => sum + t.failures, 0));
        }
      },
    });
    new Counter({
      name: 'verity_audit_anchor_failures_total',
      help: 'Failed attempts to anchor an audit checkpoint, by anchor kind (all logs); each is retried on the next run',
      labelNames: ['kind'],
      registers,
      async collect() {
        const totals = await failureTotals();
        if (totals) {
          this.reset();
          for (const t of totals) if (t.stage === 'anchor') this.inc({ kind: t.kind }, t.failures);
        }
      },
    });
    this.readiness.register({ name: 'audit', check: () => this.health.readiness() });
  }
}
