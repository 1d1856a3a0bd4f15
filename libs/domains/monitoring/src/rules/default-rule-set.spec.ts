import { describe, expect, it } from 'vitest';
import { FEATURES } from '../feature/feature.schema.js';
import { defaultAmlRuleSet } from './default-rule-set.js';
import { compileRuleSet } from './rule-set.compiler.js';
import { validateRuleSet } from './rule-set.validator.js';

/** An ordinary card payment of an established, low-risk customer. */
const ordinary = (): Record<string, number | string> => ({
  ...Object.fromEntries(FEATURES.map((f) => [f.name, f.kind === 'category' ? '' : 0])),
  amount: 120,
  logAmount: Math.log(121),
  customerCount1h: 1,
  customerSum1h: 120,
  customerCount24h: 3,
  customerSum24h: 400,
  customerCount7d: 12,
  customerSum7d: 1_500,
  customerCount30d: 40,
  customerSum30d: 5_000,
  accountCount1h: 1,
  accountSum1h: 120,
  accountCount24h: 3,
  accountSum24h: 400,
  accountCount7d: 12,
  accountSum7d: 1_500,
  accountCount30d: 40,
  accountSum30d: 5_000,
  amountZScore30d: 0.2,
  amountToMean30d: 1.1,
  accountAgeDays: 800,
  kycRiskRating: 1,
  directionOut: 1,
  direction: 'out',
  channel: 'card',
  currency: 'EUR',
  counterpartyCountry: 'DE',
});

describe('defaultAmlRuleSet', () => {
  it('has 50 valid rules with unique names and thresholds review 0.5, block 0.9', () => {
    const doc = defaultAmlRuleSet();
    expect(doc.rules).toHaveLength(50);
    expect(doc.thresholds).toEqual({ review: 0.5, block: 0.9 });
    const result = validateRuleSet(doc);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('lets an ordinary payment through without any rule firing', () => {
    expect(compileRuleSet(defaultAmlRuleSet()).evaluate(ordinary())).toEqual([]);
  });

  it('flags structuring, sanctioned jurisdictions and screening hits', () => {
    const compiled = compileRuleSet(defaultAmlRuleSet());
    const structuring = compiled.evaluate({
      ...ordinary(),
      amount: 9_500,
      nearThreshold: 1,
      nearThresholdCount7d: 4,
      channel: 'cash',
    });
    expect(structuring.map((r) => r.name)).toEqual([
      'structuring-repeated-near-threshold',
      'structuring-cash-near-threshold',
    ]);
    expect(structuring[0]).toMatchObject({ type: 'structuring', action: 'review', weight: 0.5 });

    const sanctioned = compiled.evaluate({ ...ordinary(), counterpartyCountry: 'KP', counterpartyCountryRisk: 2 });
    expect(sanctioned.map((r) => r.name)).toEqual(['sanctioned-jurisdiction', 'high-risk-country']);
    expect(sanctioned[0].action).toBe('block');

    const hit = compiled.evaluate({ ...ordinary(), counterpartyScreeningScore: 0.97 });
    expect(hit.map((r) => [r.name, r.action])).toEqual([
      ['screening-strong-hit', 'block'],
      ['screening-possible-hit', 'review'],
    ]);
  });

  it('returns a fresh copy each time', () => {
    const first = defaultAmlRuleSet();
    first.rules[0].name = 'changed';
    expect(defaultAmlRuleSet().rules[0].name).not.toBe('changed');
  });
});
