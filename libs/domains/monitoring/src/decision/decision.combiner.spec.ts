import { describe, expect, it } from 'vitest';
import { combineDecision, DEFAULT_THRESHOLDS, type DecisionInput } from './decision.combiner.js';

const base: DecisionInput = {
  modelScore: 0,
  contributions: [],
  firedRules: [],
  thresholds: DEFAULT_THRESHOLDS,
  screeningHits: [],
};
const rule = (weight: number, action?: 'review' | 'block'): DecisionInput['firedRules'][number] => ({
  name: `r-${weight}-${action ?? 'none'}`,
  type: 't',
  message: `rule ${weight}`,
  weight,
  ...(action ? { action } : {}),
});

describe('combineDecision', () => {
  it('allows with nothing against the transaction', () => {
    expect(combineDecision(base)).toMatchObject({ decision: 'allow', score: 0, reasons: [] });
  });

  it('combines the model score and rule weights as 1 − (1 − m) × Π(1 − w)', () => {
    const out = combineDecision({ ...base, modelScore: 0.2, firedRules: [rule(0.5), rule(0.25)] });
    expect(out.score).toBeCloseTo(1 - 0.8 * 0.5 * 0.75, 12);
    expect(out.decision).toBe('review');
  });

  it('applies the thresholds: review from review, block from block', () => {
    const t = { review: 0.4, block: 0.8 };
    expect(combineDecision({ ...base, thresholds: t, modelScore: 0.39 }).decision).toBe('allow');
    expect(combineDecision({ ...base, thresholds: t, modelScore: 0.4 }).decision).toBe('review');
    expect(combineDecision({ ...base, thresholds: t, modelScore: 0.8 }).decision).toBe('block');
  });

  it('lets a rule action force review or block whatever the score', () => {
    expect(combineDecision({ ...base, firedRules: [rule(0, 'review')] }).decision).toBe('review');
    expect(combineDecision({ ...base, firedRules: [rule(0, 'review'), rule(0, 'block')] }).decision).toBe('block');
    expect(combineDecision({ ...base, modelScore: 0.95, firedRules: [rule(0, 'review')] }).decision).toBe('block');
  });

  it('forces review on a screening hit, and block from a score of 0.95', () => {
    const hit = { entryName: 'Bad Actor', listSource: 'ofac_sdn', score: 0.97 };
    const reviewed = combineDecision({ ...base, screeningHits: [hit] });
    expect(reviewed.decision).toBe('review');
    expect(reviewed.reasons).toEqual([
      { kind: 'screening', message: 'Counterparty name matches Bad Actor on ofac_sdn (score 0.97)', ref: 'Bad Actor' },
    ]);
    expect(combineDecision({ ...base, modelScore: 0.95, screeningHits: [hit] }).decision).toBe('block');
  });

  it('lists rule messages, screening lines, then the top five contributions by magnitude', () => {
    const contributions = [0.1, -0.9, 0.3, 0.05, -0.2, 0.6, 0.01].map((c, i) => ({
      feature: `f${i}`,
      value: i,
      contribution: c,
    }));
    const out = combineDecision({ ...base, modelScore: 0.1, contributions, firedRules: [rule(0.1)] });
    expect(out.contributions.map((c) => c.feature)).toEqual(['f1', 'f5', 'f2', 'f4', 'f0']);
    expect(out.reasons[0]).toEqual({ kind: 'rule', message: 'rule 0.1', ref: 'r-0.1-none' });
    expect(out.reasons.slice(1).map((r) => r.ref)).toEqual(['f1', 'f5', 'f2', 'f4', 'f0']);
    expect(out.reasons[1]?.message).toBe('f1 = 1 lowered the model score (-0.9)');
  });

  it('clamps out-of-range inputs instead of producing scores outside [0, 1]', () => {
    expect(combineDecision({ ...base, modelScore: Number.NaN }).score).toBe(0);
    expect(combineDecision({ ...base, modelScore: 2 }).score).toBe(1);
    expect(combineDecision({ ...base, firedRules: [rule(-1)] }).score).toBe(0);
  });
});
