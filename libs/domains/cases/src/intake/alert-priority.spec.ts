import { describe, expect, it } from 'vitest';
import { kycReviewPriority, screeningHitPriority, transactionAlertPriority } from './alert-priority.js';

describe('alert priority', () => {
  it('makes blocks, block rules and scores ≥ 0.9 critical', () => {
    expect(transactionAlertPriority({ decision: 'block', score: 0.2, firedRules: [] })).toBe('critical');
    expect(
      transactionAlertPriority({ decision: 'review', score: 0.2, firedRules: [{ action: 'block', weight: 0.1 }] }),
    ).toBe('critical');
    expect(transactionAlertPriority({ decision: 'review', score: 0.9, firedRules: [] })).toBe('critical');
  });

  it('ranks reviews by score and heavy review rules', () => {
    expect(transactionAlertPriority({ decision: 'review', score: 0.75, firedRules: [] })).toBe('high');
    expect(
      transactionAlertPriority({ decision: 'review', score: 0.3, firedRules: [{ action: 'review', weight: 0.5 }] }),
    ).toBe('high');
    expect(transactionAlertPriority({ decision: 'review', score: 0.5, firedRules: [] })).toBe('medium');
    expect(
      transactionAlertPriority({ decision: 'review', score: 0.3, firedRules: [{ action: 'review', weight: 0.2 }] }),
    ).toBe('low');
  });

  it('puts sanctions hits above PEP above watchlists, strong matches one step up', () => {
    expect(screeningHitPriority({ listSource: 'ofac_sdn', score: 0.97 })).toBe('critical');
    expect(screeningHitPriority({ listSource: 'un_consolidated', score: 0.85 })).toBe('high');
    expect(screeningHitPriority({ listSource: 'pep', score: 0.97 })).toBe('high');
    expect(screeningHitPriority({ listSource: 'pep', score: 0.85 })).toBe('medium');
    expect(screeningHitPriority({ listSource: 'internal_watchlist', score: 0.85 })).toBe('low');
  });

  it('ranks KYC reviews by risk, one step up when overdue', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const future = new Date('2026-07-01T00:00:00Z');
    const past = new Date('2026-05-01T00:00:00Z');
    expect(kycReviewPriority({ riskRating: 'high', dueAt: future, now })).toBe('high');
    expect(kycReviewPriority({ riskRating: 'high', dueAt: past, now })).toBe('critical');
    expect(kycReviewPriority({ riskRating: 'medium', dueAt: past, now })).toBe('high');
    expect(kycReviewPriority({ riskRating: 'low', dueAt: future, now })).toBe('low');
    expect(kycReviewPriority({ riskRating: 'unrated', dueAt: past, now })).toBe('medium');
  });
});
