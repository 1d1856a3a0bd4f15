/** Pure helpers that shape the alert dashboards' rows for charts (unit-tested; no I/O). */

export interface DayCount {
  readonly day: string;
  readonly count: number;
}

/** One count per day of `days` (0 for days without rows), summing rows of the same day. */
export function fillDays(days: readonly string[], rows: readonly DayCount[]): DayCount[] {
  const byDay = new Map<string, number>();
  for (const r of rows) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.count);
  return days.map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}

export interface DispositionCounts {
  readonly type: string;
  readonly disposed: number;
  readonly falsePositives: number;
}

export interface FalsePositiveRate extends DispositionCounts {
  /** False positives / disposed, in [0, 1]; null when nothing was disposed. */
  readonly rate: number | null;
}

/** The false-positive rate per alert type, plus an `all` line over every type, types in name order. */
export function falsePositiveRates(rows: readonly DispositionCounts[]): FalsePositiveRate[] {
  const rate = (fp: number, disposed: number): number | null =>
    disposed > 0 ? Math.round((fp / disposed) * 10_000) / 10_000 : null;
  const sorted = [...rows].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  const disposed = sorted.reduce((s, r) => s + r.disposed, 0);
  const falsePositives = sorted.reduce((s, r) => s + r.falsePositives, 0);
  return [
    ...sorted.map((r) => ({
      type: r.type,
      disposed: r.disposed,
      falsePositives: r.falsePositives,
      rate: rate(r.falsePositives, r.disposed),
    })),
    { type: 'all', disposed, falsePositives, rate: rate(falsePositives, disposed) },
  ];
}

export interface DueDateBuckets {
  /** Report due date passed. */
  readonly overdue: number;
  /** Due within the next 7 days. */
  readonly within7Days: number;
  /** Due in more than 7 and at most 30 days. */
  readonly within30Days: number;
  readonly later: number;
}

const DAY_MS = 86_400_000;

/** Counts report due dates by how close they are to `now`. */
export function dueDateBuckets(dueDates: readonly Date[], now: Date): DueDateBuckets {
  let overdue = 0;
  let within7Days = 0;
  let within30Days = 0;
  let later = 0;
  for (const due of dueDates) {
    const left = due.getTime() - now.getTime();
    if (left < 0) overdue++;
    else if (left <= 7 * DAY_MS) within7Days++;
    else if (left <= 30 * DAY_MS) within30Days++;
    else later++;
  }
  return { overdue, within7Days, within30Days, later };
}

export interface AnalystDayCount {
  readonly analystId: string;
  readonly day: string;
  readonly count: number;
}

export interface AnalystThroughput {
  readonly analystId: string;
  readonly displayName: string;
  readonly total: number;
  /** Dispositions per day of the window (0 on days without any). */
  readonly perDay: DayCount[];
}

/** Each analyst's dispositions per day, busiest first; unknown ids keep the id as their name. */
export function analystThroughput(
  days: readonly string[],
  rows: readonly AnalystDayCount[],
  names: ReadonlyMap<string, string>,
): AnalystThroughput[] {
  const byAnalyst = new Map<string, AnalystDayCount[]>();
  for (const r of rows) byAnalyst.set(r.analystId, [...(byAnalyst.get(r.analystId) ?? []), r]);
  return [...byAnalyst.entries()]
    .map(([analystId, list]) => ({
      analystId,
      displayName: names.get(analystId) ?? analystId,
      total: list.reduce((s, r) => s + r.count, 0),
      perDay: fillDays(days, list),
    }))
    .sort((a, b) => b.total - a.total || (a.displayName < b.displayName ? -1 : 1));
}
