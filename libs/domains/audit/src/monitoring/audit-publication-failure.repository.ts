import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The worker step that failed: collecting witness cosignatures, or one anchor (named by its kind). */
export type AuditPublicationStage = 'witness' | 'anchor';

export interface PublicationFailureTotal {
  readonly stage: AuditPublicationStage;
  /** The anchor kind; empty for the witness stage. */
  readonly kind: string;
  readonly failures: number;
}

/** A log whose step has failed on every attempt for a while. */
export interface OngoingPublicationFailure {
  readonly logId: string;
  readonly origin: string;
  readonly stage: AuditPublicationStage;
  readonly kind: string;
  /** Seconds since the first failure after the last success, in database time. */
  readonly failingSeconds: number;
  readonly lastError: string | null;
}

/** Failure counters of the worker's witness and anchoring steps, read by the api's metrics and readiness. */
@Injectable()
export class AuditPublicationFailureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts one failure; the first since a success starts the `failing_since` clock. */
  async recordFailure(logId: string, stage: AuditPublicationStage, kind: string, error: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_publication_failures (log_id, stage, kind, failures_total, failing_since, last_error, updated_at)
       VALUES ($1, $2, $3, 1, now(), $4, now())
       ON CONFLICT (log_id, stage, kind) DO UPDATE
         SET failures_total = audit_publication_failures.failures_total + 1,
             failing_since = coalesce(audit_publication_failures.failing_since, now()),
             last_error = excluded.last_error,
             updated_at = now()`,
      [logId, stage, kind, error],
    );
  }

  /** Ends an ongoing failure (the counter stays); a no-op when the step was not failing. */
  async recordSuccess(logId: string, stage: AuditPublicationStage, kind: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_publication_failures SET failing_since = NULL, updated_at = now()
        WHERE log_id = $1 AND stage = $2 AND kind = $3 AND failing_since IS NOT NULL`,
      [logId, stage, kind],
    );
  }

  /** Failures ever counted, per stage and anchor kind, across every log. */
  async totals(): Promise<PublicationFailureTotal[]> {
    // SECURITY DEFINER: counters across every tenant's log.
    const rows: { stage: AuditPublicationStage; kind: string; failures: string }[] = await this.dataSource.query(
      'SELECT stage, kind, failures FROM verity_audit_publication_failure_totals()',
    );
    return rows.map((r) => ({ stage: r.stage, kind: r.kind, failures: Number(r.failures) }));
  }

  /** Steps of any log failing on every attempt for more than `seconds`, longest first. */
  async failingLongerThan(seconds: number): Promise<OngoingPublicationFailure[]> {
    const rows: {
      log_id: string;
      origin: string;
      stage: AuditPublicationStage;
      kind: string;
      failing_seconds: number;
      last_error: string | null;
    }[] = await this.dataSource.query(
      // SECURITY DEFINER: readiness looks at every tenant's log.
      `SELECT log_id, origin, stage, kind, last_error, failing_seconds
         FROM verity_audit_publication_failures_longer_than($1)`,
      [seconds],
    );
    return rows.map((r) => ({
      logId: String(r.log_id),
      origin: r.origin,
      stage: r.stage,
      kind: r.kind,
      failingSeconds: r.failing_seconds,
      lastError: r.last_error,
    }));
  }
}
