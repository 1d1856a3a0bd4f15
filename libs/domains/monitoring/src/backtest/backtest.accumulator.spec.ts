import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../rules/rule-set.compiler.js';
import type { RuleSetDocument } from '../rules/rule-set.document.js';
import { BacktestAccumulator, type BacktestArm } from './backtest.accumulator.js';
import type { ReplayTransaction } from './replay-transaction.repository.js';

const arm = (id: string, document: RuleSetDocument): BacktestArm => ({
  ruleSetId: id,
  version: 1,
  compiled: compileRuleSet(document),
  thresholds: document.thresholds,
});

const amountRule = (min: number, weight: number, action?: 'review' | 'block'): RuleSetDocument => ({
  rules: [
    {
      name: `amount-${String(min)}`,
      conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: min }] },
      event: { type: 'amount', params: { message: 'amount', weight, ...(action ? { action } : {}) } },
    },
  ],
  thresholds: { review: 0.5, block: 0.9 },
});

let n = 0;
const tx = (
  amount: number,
  patch: Partial<Pick<ReplayTransaction, 'disposition' | 'screeningHit' | 'modelScore' | 'shadowScores'>> = {},
): ReplayTransaction => {
  n += 1;
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    externalId: `t-${String(n)}`,
    bookedAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
    features: { amount },
    decision: 'allow',
    modelScore: 0,
    shadowScores: [],
    screeningHit: false,
    disposition: null,
    ...patch,
  };
};

describe('BacktestAccumulator', () => {
  it('counts alerts per rule set and lists the transactions whose decision changes', () => {
    const acc = new BacktestAccumulator(
      arm('p', amountRule(1000, 0.2, 'review')),
      arm('d', amountRule(500, 0.2, 'review')),
      null,
    );
    acc.add([tx(100), tx(700), tx(2000)]);
    const result = acc.result();
    expect(result.published).toMatchObject({ alerts: 1, reviews: 1, blocks: 0 });
    expect(result.draft).toMatchObject({ alerts: 2, reviews: 2 });
    expect(result.changedCount).toBe(1);
    expect(result.changes.map((c) => [c.externalId, c.published, c.draft])).toEqual([['t-2', 'allow', 'review']]);
    expect(result.scoreHistogram.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('measures precision and recall on labelled transactions only', () => {
    const acc = new BacktestAccumulator(arm('p', amountRule(1000, 0.6)), arm('d', amountRule(5000, 0.6)), null);
    acc.add([
      tx(2000, { disposition: 'true_positive' }),
      tx(2000, { disposition: 'false_positive' }),
      tx(9000, { disposition: 'true_positive' }),
      tx(9000),
    ]);
    const result = acc.result();
    expect(result.labelled).toBe(3);
    // Published alerts on all three labelled: 2 true of 3; draft on the 9000 only: 1 of 1, but misses one true.
    expect(result.published.precision).toBeCloseTo(2 / 3);
    expect(result.published.recall).toBe(1);
    expect(result.draft.precision).toBe(1);
    expect(result.draft.recall).toBe(0.5);
  });

  it('without dispositions, reports no precision and suggests only a volume-keeping threshold', () => {
    const acc = new BacktestAccumulator(arm('p', amountRule(1000, 0.6)), arm('d', amountRule(500, 0.6)), null);
    acc.add([tx(600), tx(700), tx(2000)]);
    const result = acc.result();
    expect(result.draft.precision).toBeNull();
    expect(result.suggestions.map((s) => s.reason)).toEqual(['alert_volume']);
    // The draft scores 0.6 on all three: a threshold above 0.6 keeps it at the published volume (1), here 0.
    expect(result.suggestions[0].review).toBeGreaterThan(0.6);
    expect(result.suggestions[0].alerts).toBeLessThanOrEqual(result.published.alerts);
  });

  it('suggests the threshold that maximises F1 against dispositions', () => {
    const acc = new BacktestAccumulator(arm('p', amountRule(1, 0)), arm('d', amountRule(1, 0)), null);
    // The stored model scores separate the true positives (0.8) from the false ones (0.3).
    acc.add([
      tx(10, { modelScore: 0.8, disposition: 'true_positive' }),
      tx(10, { modelScore: 0.8, disposition: 'true_positive' }),
      tx(10, { modelScore: 0.3, disposition: 'false_positive' }),
    ]);
    const best = acc.result().suggestions.find((s) => s.reason === 'max_f1');
    expect(best?.f1).toBe(1);
    expect(best!.review).toBeGreaterThan(0.3);
    expect(best!.review).toBeLessThanOrEqual(0.8);
  });

  it('scores the draft with the shadow model’s scores when one is compared, and keeps screening hits in review', () => {
    const acc = new BacktestAccumulator(arm('p', amountRule(1e9, 0)), arm('d', amountRule(1e9, 0)), 'shadow-1');
    const hit = tx(10, { screeningHit: true });
    const scored = tx(10);
    acc.add([hit, scored], new Map([[scored.id, 0.95]]));
    const result = acc.result();
    expect(result.draft.alerts).toBe(1);
    expect(result.draftWithShadow).toMatchObject({ modelId: 'shadow-1', alerts: 2, blocks: 1 });
  });
});
