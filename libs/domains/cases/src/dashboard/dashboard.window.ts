import { CasesError } from '../cases.errors.js';

const DAY_MS = 86_400_000;

/** The longest window a dashboard or a flow graph covers. */
export const MAX_WINDOW_DAYS = 366;

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

/**
 * The window [from, to) of a dashboard or flow graph: `to` defaults to now, `from` to `defaultDays` before `to`.
 * Throws `cases/window_invalid` (400) for an unparsable date, `from` not before `to`, or more than 366 days.
 */
export function resolveWindow(
  from: string | undefined,
  to: string | undefined,
  now: Date,
  defaultDays: number,
): TimeWindow {
  const end = to !== undefined ? new Date(to) : now;
  const start = from !== undefined ? new Date(from) : new Date(end.getTime() - defaultDays * DAY_MS);
  if (Number.isNaN(end.getTime()) || Number.isNaN(start.getTime())) {
    throw new CasesError('cases/window_invalid', 'invalid', 'from and to must be ISO 8601 timestamps');
  }
  if (start.getTime() >= end.getTime()) {
    throw new CasesError('cases/window_invalid', 'invalid', 'from must be before to');
  }
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new CasesError('cases/window_invalid', 'invalid', `the window spans more than ${MAX_WINDOW_DAYS} days`);
  }
  return { from: start, to: end };
}

/** The UTC days (`YYYY-MM-DD`) the window touches, oldest first. */
export function daysOf(window: TimeWindow): string[] {
  const days: string[] = [];
  const first = Date.UTC(window.from.getUTCFullYear(), window.from.getUTCMonth(), window.from.getUTCDate());
  for (let t = first; t < window.to.getTime(); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
