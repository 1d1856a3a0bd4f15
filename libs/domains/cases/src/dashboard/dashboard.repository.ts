import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { AnalystDayCount } from './dashboard.aggregation.js';

export interface DashboardFilter {
  readonly from: Date;
  readonly to: Date;
  readonly queueId: string | null;
}

export interface TypeQueueDayCount {
  readonly day: string;
  readonly type: string;
  readonly queueId: string;
  readonly count: number;
}

export interface DispositionStats {
  readonly type: string;
  readonly disposed: number;
  readonly falsePositives: number;
  readonly medianMinutes: number | null;
  readonly p90Minutes: number | null;
}

const DAY = `to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
const day = (column: string): string => DAY.replace('%s', column);
const QUEUE = `($4::uuid IS NULL OR queue_id = $4::uuid)`;

const params = (tenantId: string, f: DashboardFilter): unknown[] => [
  tenantId,
  f.from.toISOString(),
  f.to.toISOString(),
  f.queueId,
];

const minutes = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/** Aggregates over case_alerts and cases for the dashboards (UTC days), in the tenant's transaction. */
@Injectable()
export class DashboardRepository {
  /** Alerts raised per day, type and queue. */
  async volumes(tx: Tx, tenantId: string, f: DashboardFilter): Promise<TypeQueueDayCount[]> {
    const rows = await tx.query<{ day: string; type: string; queue_id: string; count: number }[]>(
      `SELECT ${day('created_at')} AS day, type, queue_id, count(*)::int AS count FROM case_alerts
       WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 AND ${QUEUE}
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params(tenantId, f),
    );
    return rows.map((r) => ({ day: r.day, type: r.type, queueId: r.queue_id, count: Number(r.count) }));
  }

  /** SLA breaches per day (of the breach), type and queue. */
  async breaches(tx: Tx, tenantId: string, f: DashboardFilter): Promise<TypeQueueDayCount[]> {
    const rows = await tx.query<{ day: string; type: string; queue_id: string; count: number }[]>(
      `SELECT ${day('sla_breached_at')} AS day, type, queue_id, count(*)::int AS count FROM case_alerts
       WHERE tenant_id = $1 AND sla_breached_at >= $2 AND sla_breached_at < $3 AND ${QUEUE}
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params(tenantId, f),
    );
    return rows.map((r) => ({ day: r.day, type: r.type, queueId: r.queue_id, count: Number(r.count) }));
  }

  /** Per type, alerts disposed in the window: how many, how many false positives, minutes from raise to disposal. */
  async dispositions(tx: Tx, tenantId: string, f: DashboardFilter): Promise<DispositionStats[]> {
    const rows = await tx.query<Record<string, unknown>[]>(
      `SELECT type, count(*)::int AS disposed,
         count(*) FILTER (WHERE disposition = 'false_positive')::int AS false_positives,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM disposed_at - created_at) / 60) AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM disposed_at - created_at) / 60) AS p90
       FROM case_alerts
       WHERE tenant_id = $1 AND disposed_at >= $2 AND disposed_at < $3 AND disposition IS NOT NULL AND ${QUEUE}
       GROUP BY type ORDER BY type`,
      params(tenantId, f),
    );
    return rows.map((r) => ({
      type: String(r.type),
      disposed: Number(r.disposed),
      falsePositives: Number(r.false_positives),
      medianMinutes: minutes(r.median),
      p90Minutes: minutes(r.p90),
    }));
  }

  /** Dispositions per analyst per day (escalations into a case included: they are dispositions too). */
  async throughput(tx: Tx, tenantId: string, f: DashboardFilter): Promise<AnalystDayCount[]> {
    const rows = await tx.query<{ analyst_id: string; day: string; count: number }[]>(
      `SELECT disposed_by AS analyst_id, ${day('disposed_at')} AS day, count(*)::int AS count FROM case_alerts
       WHERE tenant_id = $1 AND disposed_at >= $2 AND disposed_at < $3 AND disposed_by IS NOT NULL AND ${QUEUE}
       GROUP BY 1, 2 ORDER BY 1, 2`,
      params(tenantId, f),
    );
    return rows.map((r) => ({ analystId: r.analyst_id, day: r.day, count: Number(r.count) }));
  }

  async queueNames(tx: Tx, tenantId: string): Promise<Map<string, string>> {
    const rows = await tx.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM case_queues WHERE tenant_id = $1 ORDER BY position, name`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every case of the tenant by its current status. */
  async casesByStatus(tx: Tx, tenantId: string): Promise<{ status: string; count: number }[]> {
    const rows = await tx.query<{ status: string; count: number }[]>(
      `SELECT status, count(*)::int AS count FROM cases WHERE tenant_id = $1 GROUP BY status ORDER BY status`,
      [tenantId],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
  }

  /** The report due dates of the tenant's cases that have one (closed as needing a report). */
  async reportDueDates(tx: Tx, tenantId: string): Promise<Date[]> {
    const rows = await tx.query<{ report_due_at: Date | string }[]>(
      `SELECT report_due_at FROM cases WHERE tenant_id = $1 AND report_due_at IS NOT NULL`,
      [tenantId],
    );
    return rows.map((r) => new Date(r.report_due_at));
  }
}
