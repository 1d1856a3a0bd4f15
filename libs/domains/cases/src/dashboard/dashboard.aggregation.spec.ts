import { describe, expect, it } from 'vitest';
import { CasesError } from '../cases.errors.js';
import { analystThroughput, dueDateBuckets, falsePositiveRates, fillDays } from './dashboard.aggregation.js';
import { daysOf, resolveWindow } from './dashboard.window.js';

describe('dashboard aggregation', () => {
  it('fills every day of the window, summing rows of the same day', () => {
    expect(
      fillDays(
        ['2026-01-01', '2026-01-02', '2026-01-03'],
        [
          { day: '2026-01-03', count: 2 },
          { day: '2026-01-01', count: 1 },
          { day: '2026-01-03', count: 4 },
        ],
      ),
    ).toEqual([
      { day: '2026-01-01', count: 1 },
      { day: '2026-01-02', count: 0 },
      { day: '2026-01-03', count: 6 },
    ]);
  });

  it('computes false-positive rates per type and overall, null when nothing was disposed', () => {
    expect(
      falsePositiveRates([
        { type: 'transaction', disposed: 4, falsePositives: 3 },
        { type: 'screening_hit', disposed: 0, falsePositives: 0 },
        { type: 'kyc_review', disposed: 2, falsePositives: 0 },
      ]),
    ).toEqual([
      { type: 'kyc_review', disposed: 2, falsePositives: 0, rate: 0 },
      { type: 'screening_hit', disposed: 0, falsePositives: 0, rate: null },
      { type: 'transaction', disposed: 4, falsePositives: 3, rate: 0.75 },
      { type: 'all', disposed: 6, falsePositives: 3, rate: 0.5 },
    ]);
  });

  it('buckets report due dates: overdue, within 7 days, within 30 days, later', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const at = (days: number): Date => new Date(now.getTime() + days * 86_400_000);
    expect(dueDateBuckets([at(-1), at(-0.001), at(0), at(7), at(7.01), at(30), at(31), at(400)], now)).toEqual({
      overdue: 2,
      within7Days: 2,
      within30Days: 2,
      later: 2,
    });
  });

  it('ranks analysts by dispositions with their display names and per-day counts', () => {
    const days = ['2026-01-01', '2026-01-02'];
    const result = analystThroughput(
      days,
      [
        { analystId: 'u1', day: '2026-01-01', count: 1 },
        { analystId: 'u2', day: '2026-01-01', count: 2 },
        { analystId: 'u2', day: '2026-01-02', count: 3 },
        { analystId: 'gone', day: '2026-01-02', count: 1 },
      ],
      new Map([
        ['u1', 'Ann'],
        ['u2', 'Ben'],
      ]),
    );
    expect(result.map((r) => [r.displayName, r.total])).toEqual([
      ['Ben', 5],
      ['Ann', 1],
      ['gone', 1],
    ]);
    expect(result[0]?.perDay).toEqual([
      { day: '2026-01-01', count: 2 },
      { day: '2026-01-02', count: 3 },
    ]);
  });
});

describe('dashboard window', () => {
  const now = new Date('2026-06-30T10:00:00Z');

  it('defaults to the given number of days before now', () => {
    const w = resolveWindow(undefined, undefined, now, 30);
    expect(w.to).toEqual(now);
    expect(w.from).toEqual(new Date('2026-05-31T10:00:00Z'));
    expect(daysOf(w)).toHaveLength(31);
    expect(daysOf(w)[0]).toBe('2026-05-31');
    expect(daysOf(w).at(-1)).toBe('2026-06-30');
  });

  it('refuses from ≥ to, more than 366 days, and unparsable dates with cases/window_invalid', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
        return undefined;
      } catch (e) {
        return e instanceof CasesError ? `${e.code}/${e.kind}` : 'other';
      }
    };
    expect(code(() => resolveWindow('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z', now, 30))).toBe(
      'cases/window_invalid/invalid',
    );
    expect(code(() => resolveWindow('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', now, 30))).toBe(
      'cases/window_invalid/invalid',
    );
    expect(code(() => resolveWindow('2025-01-01T00:00:00Z', '2026-01-03T00:00:00Z', now, 30))).toBe(
      'cases/window_invalid/invalid',
    );
    expect(code(() => resolveWindow('nonsense', undefined, now, 30))).toBe('cases/window_invalid/invalid');
    expect(code(() => resolveWindow('2025-01-02T00:00:00Z', '2026-01-03T00:00:00Z', now, 30))).toBeUndefined();
  });
});
