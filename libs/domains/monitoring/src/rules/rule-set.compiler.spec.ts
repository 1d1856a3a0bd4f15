import { describe, expect, it } from 'vitest';
import { FEATURES, type FeatureDefinition } from '../feature/feature.schema.js';
import { defaultAmlRuleSet } from './default-rule-set.js';
import { compileRuleSet, type RuleFacts } from './rule-set.compiler.js';
import type {
  RuleCondition,
  RuleDefinition,
  RuleOperator,
  RuleSetDocument,
  RuleTopLevelCondition,
} from './rule-set.document.js';
import { createJsonRulesEngineEvaluator, evaluateWithJsonRulesEngine } from './rule-set.reference.js';
import { validateRuleSet } from './rule-set.validator.js';

/** mulberry32: a small seeded generator, so that a failure reproduces from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof random>;

const NUMBER_FACTS = FEATURES.filter((f) => f.kind === 'number');
const FLAG_FACTS = FEATURES.filter((f) => f.kind === 'flag');
const CATEGORY_FACTS = FEATURES.filter((f) => f.kind === 'category');
const NUMERIC_FACTS = [...NUMBER_FACTS, ...FLAG_FACTS];
const ORDERING: RuleOperator[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

/** Numbers rules compare with; fact values are drawn from the same pool so that equal boundaries occur often. */
const NUMBERS = [0, -1, 1, 2, 3, 0.5, -2.5, 0.95, 5, 10, 30, 9_000, 9_999.99, 10_000, 10_000.01, 250_000];
const STRINGS: Record<string, string[]> = {
  direction: ['in', 'out'],
  channel: ['card', 'wire', 'sepa', 'ach', 'cash', 'crypto', 'internal', 'other'],
  currency: ['EUR', 'USD', 'GBP', 'CHF', 'JPY'],
  counterpartyCountry: ['DE', 'FR', 'IR', 'KP', 'MM', 'US'],
};
const ODD_STRINGS = ['', '10', '10000', '12abc', 'abc', 'wire ', 'WIRE', 'Infinity', '-1', '0x10', ' 5'];

function numberFor(rnd: Random, fact: FeatureDefinition): number {
  return fact.kind === 'flag' ? rnd.int(0, 1) : rnd.chance(0.8) ? rnd.pick(NUMBERS) : rnd.int(-100, 20_000) / 4;
}

function stringFor(rnd: Random, fact: FeatureDefinition): string {
  return rnd.chance(0.9) ? rnd.pick(STRINGS[fact.name] ?? ['x']) : rnd.pick(ODD_STRINGS);
}

/** A comparison the validator accepts: every operator that fits the fact's kind, literal values or another fact. */
function validComparison(rnd: Random): RuleCondition {
  const categorical = rnd.chance(0.3);
  const fact = categorical ? rnd.pick(CATEGORY_FACTS) : rnd.pick(NUMERIC_FACTS);
  const operators: RuleOperator[] = categorical
    ? ['equal', 'notEqual', 'in', 'notIn']
    : ['equal', 'notEqual', 'in', 'notIn', ...ORDERING, ...ORDERING];
  const operator = rnd.pick(operators);
  if (operator === 'in' || operator === 'notIn') {
    const length = rnd.chance(0.2) ? rnd.int(9, 14) : rnd.int(1, 4);
    const value = Array.from({ length }, () => (categorical ? stringFor(rnd, fact) : numberFor(rnd, fact)));
    return { fact: fact.name, operator, value };
  }
  if (rnd.chance(0.12)) {
    const other = categorical ? rnd.pick(CATEGORY_FACTS) : rnd.pick(NUMERIC_FACTS);
    return { fact: fact.name, operator, value: { fact: other.name } };
  }
  return { fact: fact.name, operator, value: categorical ? stringFor(rnd, fact) : numberFor(rnd, fact) };
}

/** Any comparison json-rules-engine runs without throwing, including ones the validator rejects (type quirks). */
function looseComparison(rnd: Random): RuleCondition {
  const fact = rnd.chance(0.05) ? 'notAFeature' : rnd.pick(FEATURES).name;
  const operator = rnd.pick<RuleOperator>([
    'equal',
    'notEqual',
    'in',
    'notIn',
    'contains',
    'doesNotContain',
    ...ORDERING,
  ]);
  const scalar = (): number | string | boolean | null =>
    rnd.pick([
      () => rnd.pick(NUMBERS),
      () => rnd.pick(ODD_STRINGS),
      () => rnd.pick(['in', 'out', 'wire', 'DE']),
      () => rnd.chance(0.5),
      () => null,
    ])();
  if (operator === 'in' || operator === 'notIn') {
    // indexOf on an array, or on a string (substring search of the fact turned into a string).
    if (rnd.chance(0.2))
      return { fact, operator, value: rnd.pick(['wire sepa', 'in out', '10000', 'undefined', 'NaN']) };
    const value = Array.from({ length: rnd.int(0, 10) }, () => scalar()) as (number | string)[];
    return { fact, operator, value };
  }
  if (rnd.chance(0.15))
    return { fact, operator, value: { fact: rnd.chance(0.1) ? 'missing' : rnd.pick(FEATURES).name } };
  return { fact, operator, value: scalar() as number | string };
}

function condition(
  rnd: Random,
  depth: number,
  leaf: (rnd: Random) => RuleCondition,
  allowEmpty: boolean,
): RuleCondition {
  if (depth >= 4 || rnd.chance(0.45)) return leaf(rnd);
  return booleanNode(rnd, depth, leaf, allowEmpty);
}

function booleanNode(
  rnd: Random,
  depth: number,
  leaf: (rnd: Random) => RuleCondition,
  allowEmpty: boolean,
): RuleTopLevelCondition {
  const kind = rnd.pick(['all', 'all', 'any', 'any', 'not'] as const);
  if (kind === 'not') return { not: condition(rnd, depth + 1, leaf, allowEmpty) };
  const count = allowEmpty && rnd.chance(0.1) ? 0 : rnd.int(1, 4);
  const children = Array.from({ length: count }, () => condition(rnd, depth + 1, leaf, allowEmpty));
  return kind === 'all' ? { all: children } : { any: children };
}

function ruleSet(rnd: Random, loose: boolean): RuleSetDocument {
  const rules: RuleDefinition[] = Array.from({ length: rnd.int(1, 12) }, (_, i) => ({
    name: `r${i}`,
    ...(rnd.chance(0.6) ? { priority: rnd.int(1, 4) } : {}),
    conditions: booleanNode(rnd, 1, loose ? looseComparison : validComparison, loose),
    event: {
      type: rnd.pick(['structuring', 'fan_in', 'other']),
      params: {
        message: `rule ${i}`,
        ...(rnd.chance(0.3) ? { action: rnd.pick(['review', 'block'] as const) } : {}),
        ...(rnd.chance(0.7) ? { weight: rnd.int(0, 10) / 10 } : {}),
      },
    },
  }));
  return { rules, thresholds: { review: 0.5, block: 0.9 } };
}

/** A fact vector: realistic values, boundaries, missing facts, NaN and ±Infinity, and (when loose) wrong types. */
function facts(rnd: Random, loose: boolean): RuleFacts {
  const vector: Record<string, unknown> = {};
  for (const fact of FEATURES) {
    if (rnd.chance(0.06)) continue;
    const roll = rnd.next();
    if (fact.kind === 'category') {
      vector[fact.name] = loose && roll < 0.1 ? rnd.pick([0, 10_000, ['wire', 'cash'], null]) : stringFor(rnd, fact);
    } else if (roll < 0.04) {
      vector[fact.name] = rnd.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0]);
    } else if (loose && roll < 0.15) {
      vector[fact.name] = rnd.pick([...ODD_STRINGS, [1, 10_000], [], null, undefined]);
    } else {
      vector[fact.name] = numberFor(rnd, fact);
    }
  }
  if (loose && rnd.chance(0.5)) vector.notAFeature = rnd.pick([1, 'x', [1, 'x']]);
  return vector;
}

const names = (fired: { name: string }[]): string[] => fired.map((f) => f.name);

describe('compileRuleSet against json-rules-engine (differential)', () => {
  it('agrees on valid rule sets over random facts, rule by rule and in order', async () => {
    const rnd = random(20_261_201);
    let comparisons = 0;
    let fired = 0;
    for (let d = 0; d < 70; d++) {
      const doc = ruleSet(rnd, false);
      const validation = validateRuleSet(doc);
      expect(validation.ok ? [] : validation.errors).toEqual([]);
      const compiled = compileRuleSet(doc);
      const reference = createJsonRulesEngineEvaluator(doc);
      for (let f = 0; f < 200; f++) {
        const vector = facts(rnd, false);
        const expected = await reference.evaluate(vector);
        const actual = compiled.evaluate(vector);
        if (names(actual).join() !== names(expected).join()) {
          expect({ doc, vector, actual: names(actual) }).toEqual({ doc, vector, actual: names(expected) });
        }
        expect(actual).toEqual(expected);
        comparisons++;
        fired += expected.length;
      }
    }
    expect(comparisons).toBe(14_000);
    // The generator must make rules fire and not fire: a test where nothing ever fires proves nothing.
    expect(fired).toBeGreaterThan(comparisons / 4);
    expect(fired).toBeLessThan(comparisons * 5);
  });

  it('agrees on unvalidated rule sets: type coercion, missing facts, empty all/any, contains, strings', async () => {
    const rnd = random(7);
    let comparisons = 0;
    for (let d = 0; d < 40; d++) {
      const doc = ruleSet(rnd, true);
      const compiled = compileRuleSet(doc);
      const reference = createJsonRulesEngineEvaluator(doc);
      for (let f = 0; f < 175; f++) {
        const vector = facts(rnd, true);
        const expected = await reference.evaluate(vector);
        const actual = compiled.evaluate(vector);
        if (names(actual).join() !== names(expected).join()) {
          expect({ doc, vector, actual: names(actual) }).toEqual({ doc, vector, actual: names(expected) });
        }
        comparisons++;
      }
    }
    expect(comparisons).toBe(7_000);
  });

  it('agrees on the default AML rule set', async () => {
    const doc = defaultAmlRuleSet();
    const compiled = compileRuleSet(doc);
    const reference = createJsonRulesEngineEvaluator(doc);
    const rnd = random(42);
    for (let f = 0; f < 500; f++) {
      const vector = facts(rnd, false);
      expect(compiled.evaluate(vector)).toEqual(await reference.evaluate(vector));
    }
  });
});

/** One rule over `conditions`, evaluated both ways; returns whether it fired (asserting both agree). */
async function fires(conditions: RuleTopLevelCondition, vector: RuleFacts): Promise<boolean> {
  const doc: RuleSetDocument = {
    rules: [{ name: 'r', conditions, event: { type: 't', params: { message: 'm' } } }],
    thresholds: { review: 0.5, block: 0.9 },
  };
  const expected = (await evaluateWithJsonRulesEngine(doc, vector)).length === 1;
  expect(compileRuleSet(doc).evaluate(vector).length === 1).toBe(expected);
  return expected;
}

describe('compileRuleSet semantics (json-rules-engine quirks kept on purpose)', () => {
  it('treats empty all and empty any as true, and not as negation', async () => {
    expect(await fires({ all: [] }, {})).toBe(true);
    expect(await fires({ any: [] }, {})).toBe(true);
    expect(await fires({ not: { any: [] } }, {})).toBe(false);
    expect(await fires({ not: { fact: 'amount', operator: 'greaterThan', value: 5 } }, { amount: 3 })).toBe(true);
  });

  it('reads a missing fact as undefined: comparisons fail, notEqual and notIn hold', async () => {
    expect(await fires({ all: [{ fact: 'amount', operator: 'lessThan', value: 5 }] }, {})).toBe(false);
    expect(await fires({ all: [{ fact: 'amount', operator: 'equal', value: 0 }] }, {})).toBe(false);
    expect(await fires({ all: [{ fact: 'amount', operator: 'notEqual', value: 0 }] }, {})).toBe(true);
    expect(await fires({ all: [{ fact: 'channel', operator: 'notIn', value: ['wire'] }] }, {})).toBe(true);
    expect(await fires({ all: [{ fact: 'amount', operator: 'equal', value: { fact: 'logAmount' } }] }, {})).toBe(true);
  });

  it('compares strings the JavaScript way once they parse as numbers', async () => {
    const gt = (fact: unknown, value: number | string) =>
      fires({ all: [{ fact: 'amount', operator: 'greaterThan', value }] }, { amount: fact });
    expect(await gt('12', 5)).toBe(true);
    expect(await gt('12abc', 5)).toBe(false);
    expect(await gt('abc', 5)).toBe(false);
    expect(await gt('9', '10')).toBe(true);
    expect(await gt(Number.NaN, -1)).toBe(false);
    expect(await gt(Number.POSITIVE_INFINITY, 1e300)).toBe(true);
  });

  it('never finds NaN in a list, even a long one', async () => {
    const long = Array.from({ length: 20 }, (_, i) => i);
    expect(
      await fires({ all: [{ fact: 'amount', operator: 'in', value: [...long, Number.NaN] }] }, { amount: Number.NaN }),
    ).toBe(false);
    expect(await fires({ all: [{ fact: 'amount', operator: 'in', value: long }] }, { amount: -0 })).toBe(true);
    expect(await fires({ all: [{ fact: 'amount', operator: 'in', value: long }] }, { amount: '3' })).toBe(false);
  });

  it('lists fired rules by priority, then in document order', () => {
    const rule = (name: string, priority?: number): RuleDefinition => ({
      name,
      ...(priority === undefined ? {} : { priority }),
      conditions: { all: [] },
      event: { type: 't', params: { message: name, action: 'review', weight: 0.25 } },
    });
    const compiled = compileRuleSet({
      rules: [rule('a'), rule('b', 3), rule('c', 1), rule('d', 3), rule('e', 2)],
      thresholds: { review: 0.5, block: 0.9 },
    });
    const fired = compiled.evaluate({});
    expect(names(fired)).toEqual(['b', 'd', 'e', 'a', 'c']);
    expect(fired[0]).toEqual({ name: 'b', type: 't', message: 'b', action: 'review', weight: 0.25 });
  });

  it('does not read facts from Object.prototype', async () => {
    expect(await fires({ all: [{ fact: 'constructor', operator: 'notEqual', value: 'x' }] }, {})).toBe(true);
    expect(await fires({ all: [{ fact: 'toString', operator: 'equal', value: 1 }] }, { toString: 1 })).toBe(true);
  });
});
