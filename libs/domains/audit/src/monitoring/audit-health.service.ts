import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import type { ReadinessCheckResult } from '@platform/http';
import { AuditTreeRepository, type AuditBacklog } from '../sequencer/audit-tree.repository.js';
import { AuditPublicationFailureRepository } from './audit-publication-failure.repository.js';

/** How long a scrape and a readiness probe arriving together share one read of the backlog. */
const BACKLOG_CACHE_MS = 1_000;

/**
 * The ledger's health as numbers (for metrics) and as a verdict (for readiness). Readiness judges progress, not age:
 * a log is stalled when it has entries waiting and its latest checkpoint has not changed for AUDIT_STALL_SECONDS of
 * this process's observation. So an entry whose long transaction committed late does not trip it, while a stopped
 * or failing sequencer does, even if other logs still advance. A log whose checkpoints cannot reach their witness
 * quorum for AUDIT_STALL_SECONDS (database time, as the worker recorded it) fails readiness with the witnesses'
 * answers as the reason.
 */
@Injectable()
export class AuditHealthService {
  private cached: { at: number; backlog: Promise<AuditBacklog> } | undefined;
  /** Per waiting log: the checkpoint it was stuck behind when first seen waiting, and since when. */
  private readonly waitingSince = new Map<string, { checkpointId: string | null; since: number }>();

  constructor(
    private readonly tree: AuditTreeRepository,
    private readonly config: AppConfig,
    private readonly failures: AuditPublicationFailureRepository,
  ) {}

  /** The backlog, read at most once a second however many gauges and probes ask. */
  backlog(now = Date.now()): Promise<AuditBacklog> {
    if (!this.cached || now - this.cached.at >= BACKLOG_CACHE_MS) {
      const backlog = this.tree.backlog();
      // A failed read must not be served from the cache for the next second.
      backlog.catch(() => (this.cached = undefined));
      this.cached = { at: now, backlog };
    }
    return this.cached.backlog;
  }

  async readiness(now = Date.now()): Promise<ReadinessCheckResult> {
    const backlog = await this.backlog(now);
    const waiting = new Set(backlog.waitingLogs.map((w) => w.logId));
    for (const logId of this.waitingSince.keys()) if (!waiting.has(logId)) this.waitingSince.delete(logId);
    const limitMs = this.config.values.AUDIT_STALL_SECONDS * 1_000;
    let stalled = 0;
    let longestMs = 0;
    for (const log of backlog.waitingLogs) {
      const seen = this.waitingSince.get(log.logId);
      if (!seen || seen.checkpointId !== log.latestCheckpointId) {
        this.waitingSince.set(log.logId, { checkpointId: log.latestCheckpointId, since: now });
        continue;
      }
      const waitedMs = now - seen.since;
      if (waitedMs > limitMs) {
        stalled += 1;
        longestMs = Math.max(longestMs, waitedMs);
      }
    }
    const reasons: string[] = [];
    const unwitnessed = (await this.failures.failingLongerThan(limitMs / 1_000)).filter((f) => f.stage === 'witness');
    for (const failure of unwitnessed) {
      reasons.push(
        `audit log ${failure.origin} has not reached its witness quorum for ${Math.round(failure.failingSeconds)} s (limit ${limitMs / 1_000} s): ${failure.lastError ?? 'no answer recorded'}`,
      );
    }
    if (stalled > 0) {
      reasons.push(
        `checkpoints stopped advancing: ${stalled} audit log(s) with waiting entries have had no new checkpoint for ${Math.round(longestMs / 1_000)} s (limit ${limitMs / 1_000} s); is a worker running?`,
      );
    }
    return reasons.length > 0 ? { status: 'down', detail: reasons.join('; ') } : { status: 'up' };
  }
}
