/** Days to the report due date, with and without an identified suspect (FinCEN: 30 and 60). */
export interface ReportDeadlineRule {
  readonly suspect: number;
  readonly noSuspect: number;
}

/** Per jurisdiction (ISO country code) plus `default`: CASES_REPORT_DEADLINE_DAYS. */
export type ReportDeadlineRules = Readonly<Record<string, ReportDeadlineRule>>;

const DAY_MS = 86_400_000;

/**
 * The report's due date for a `sar_needed` determination made at `determinedAt`: the jurisdiction's rule (or the
 * default one), counted in whole days from the determination.
 */
export function reportDueAt(
  rules: ReportDeadlineRules,
  jurisdiction: string,
  suspectIdentified: boolean,
  determinedAt: Date,
): Date {
  const rule = rules[jurisdiction] ?? rules.default;
  if (!rule) throw new Error(`no report deadline rule for ${jurisdiction} and no default`);
  const days = suspectIdentified ? rule.suspect : rule.noSuspect;
  return new Date(determinedAt.getTime() + days * DAY_MS);
}

export type DeadlineStage = 'none' | 'reminder' | 'overdue';

/** Where a report due at `dueAt` stands at `now`: overdue after the due time, reminder within `reminderDays` before it. */
export function deadlineStage(now: Date, dueAt: Date, reminderDays: number): DeadlineStage {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (now.getTime() >= dueAt.getTime() - reminderDays * DAY_MS) return 'reminder';
  return 'none';
}
