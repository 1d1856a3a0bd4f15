import { describe, expect, it } from 'vitest';
import { deadlineStage, reportDueAt, type ReportDeadlineRules } from './case-deadline.policy.js';

const RULES: ReportDeadlineRules = {
  default: { suspect: 30, noSuspect: 60 },
  US: { suspect: 30, noSuspect: 60 },
  GB: { suspect: 7, noSuspect: 7 },
};

const determined = new Date('2026-03-01T10:15:00Z');

describe('report due date per jurisdiction', () => {
  it('gives 30 days with an identified suspect and 60 without, in the US', () => {
    expect(reportDueAt(RULES, 'US', true, determined).toISOString()).toBe('2026-03-31T10:15:00.000Z');
    expect(reportDueAt(RULES, 'US', false, determined).toISOString()).toBe('2026-04-30T10:15:00.000Z');
  });

  it("uses the jurisdiction's own rule when it has one", () => {
    expect(reportDueAt(RULES, 'GB', false, determined).toISOString()).toBe('2026-03-08T10:15:00.000Z');
  });

  it('falls back to the default rule for a jurisdiction without one', () => {
    expect(reportDueAt(RULES, 'FR', true, determined).toISOString()).toBe('2026-03-31T10:15:00.000Z');
    expect(reportDueAt(RULES, 'FR', false, determined).toISOString()).toBe('2026-04-30T10:15:00.000Z');
  });

  it('refuses to guess when neither the jurisdiction nor a default has a rule', () => {
    expect(() => reportDueAt({ US: { suspect: 30, noSuspect: 60 } }, 'FR', true, determined)).toThrow(/FR/);
  });
});

describe('deadline stage', () => {
  const due = new Date('2026-03-31T10:15:00Z');
  const at = (iso: string): Date => new Date(iso);

  it('is nothing until the reminder window opens', () => {
    expect(deadlineStage(at('2026-03-24T10:14:59Z'), due, 7)).toBe('none');
  });

  it('is a reminder from N days before the due time up to the due time itself', () => {
    expect(deadlineStage(at('2026-03-24T10:15:00Z'), due, 7)).toBe('reminder');
    expect(deadlineStage(due, due, 7)).toBe('reminder');
  });

  it('is overdue once the due time has passed', () => {
    expect(deadlineStage(at('2026-03-31T10:15:01Z'), due, 7)).toBe('overdue');
  });
});
