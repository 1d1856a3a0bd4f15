import { Injectable } from '@nestjs/common';
import { TenantContext, TransactionRunner } from '@platform/database';
import { UserRepository } from '@domains/identity';
import { analystThroughput, dueDateBuckets, falsePositiveRates, fillDays } from './dashboard.aggregation.js';
import type {
  AlertDashboardDto,
  AlertDashboardQueryDto,
  QueueDaySeriesDto,
  TypeDaySeriesDto,
} from './dashboard.dto.js';
import { DashboardRepository, type TypeQueueDayCount } from './dashboard.repository.js';
import { daysOf, resolveWindow } from './dashboard.window.js';

/** Default dashboard window, in days. */
export const DASHBOARD_DEFAULT_DAYS = 30;

function seriesBy<K extends 'type' | 'queueId'>(
  days: readonly string[],
  rows: readonly TypeQueueDayCount[],
  key: K,
): { key: string; total: number; perDay: { day: string; count: number }[] }[] {
  const groups = new Map<string, TypeQueueDayCount[]>();
  for (const r of rows) groups.set(r[key], [...(groups.get(r[key]) ?? []), r]);
  return [...groups.entries()]
    .map(([k, list]) => ({ key: k, total: list.reduce((s, r) => s + r.count, 0), perDay: fillDays(days, list) }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
}

/** The alert and case dashboards (alerts:read): volumes, SLA breaches, false positives, speed, throughput, cases. */
@Injectable()
export class AlertDashboardService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dashboards: DashboardRepository,
    private readonly users: UserRepository,
  ) {}

  async alerts(tenantId: string, query: AlertDashboardQueryDto, now: Date = new Date()): Promise<AlertDashboardDto> {
    const window = resolveWindow(query.from, query.to, now, DASHBOARD_DEFAULT_DAYS);
    const filter = { ...window, queueId: query.queueId ?? null };
    const days = daysOf(window);
    const data = await this.transactions.run(
      async (tx) => ({
        volumes: await this.dashboards.volumes(tx, tenantId, filter),
        breaches: await this.dashboards.breaches(tx, tenantId, filter),
        dispositions: await this.dashboards.dispositions(tx, tenantId, filter),
        throughput: await this.dashboards.throughput(tx, tenantId, filter),
        queues: await this.dashboards.queueNames(tx, tenantId),
        casesByStatus: await this.dashboards.casesByStatus(tx, tenantId),
        dueDates: await this.dashboards.reportDueDates(tx, tenantId),
      }),
      { tenantId },
    );
    // Read as the tenant also when called outside a request (the user list reads through the scope's connection).
    const users = await TenantContext.run(tenantId, () => this.users.listByTenant(tenantId));
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const byQueue = (rows: readonly TypeQueueDayCount[]): QueueDaySeriesDto[] =>
      seriesBy(days, rows, 'queueId').map((s) => ({
        queueId: s.key,
        queueName: data.queues.get(s.key) ?? s.key,
        total: s.total,
        perDay: s.perDay,
      }));
    const byType: TypeDaySeriesDto[] = seriesBy(days, data.volumes, 'type').map((s) => ({
      type: s.key,
      total: s.total,
      perDay: s.perDay,
    }));
    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      queueId: filter.queueId,
      days,
      volumesByType: byType,
      volumesByQueue: byQueue(data.volumes),
      slaBreachesPerDay: fillDays(days, data.breaches),
      slaBreachesByQueue: byQueue(data.breaches),
      falsePositiveRates: falsePositiveRates(data.dispositions),
      timeToDisposition: data.dispositions.map((d) => ({
        type: d.type,
        disposed: d.disposed,
        medianMinutes: d.medianMinutes,
        p90Minutes: d.p90Minutes,
      })),
      analystThroughput: analystThroughput(days, data.throughput, names),
      casesByStatus: data.casesByStatus,
      casesByReportDue: dueDateBuckets(data.dueDates, now),
    };
  }
}
