import { describe, expect, it } from 'vitest';
import { defaultAmlRuleSet } from './default-rule-set.js';
import { RULE_SET_LIMITS } from './rule-set.document.js';
import { validateRuleSet, type RuleSetValidationError } from './rule-set.validator.js';

const valid = () => ({
  rules: [
    {
      name: 'large-amount',
      priority: 2,
      conditions: {
        all: [
          { fact: 'amount', operator: 'greaterThanInclusive', value: 10_000 },
          {
            any: [
              { fact: 'channel', operator: 'in', value: ['cash', 'crypto'] },
              { not: { fact: 'nearThreshold', operator: 'equal', value: 1 } },
            ],
          },
          { fact: 'customerSum24h', operator: 'greaterThan', value: { fact: 'customerSum7d' } },
        ],
      },
      event: { type: 'large_amount', params: { message: 'Large amount', action: 'review', weight: 0.4 } },
    },
  ],
  thresholds: { review: 0.5, block: 0.9 },
});

/** Validates a copy of the valid document changed by `edit`, and returns the errors. */
function errorsOf(edit: (doc: ReturnType<typeof valid> & Record<string, unknown>) => void): RuleSetValidationError[] {
  const doc = valid() as ReturnType<typeof valid> & Record<string, unknown>;
  edit(doc);
  const result = validateRuleSet(doc);
  return result.ok ? [] : result.errors;
}

const condition = (doc: ReturnType<typeof valid>, index: number) =>
  doc.rules[0].conditions.all[index] as Record<string, unknown>;

describe('validateRuleSet', () => {
  it('accepts a valid document and returns a copy of it', () => {
    const doc = valid();
    const result = validateRuleSet(doc);
    expect(result).toEqual({ ok: true, document: doc });
    if (result.ok) expect(result.document).not.toBe(doc);
  });

  it('accepts the default AML rule set', () => {
    const result = validateRuleSet(defaultAmlRuleSet());
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('names an unknown operator with its path, a suggestion and the known operators', () => {
    expect(errorsOf((doc) => (condition(doc, 0).operator = 'greaterThen'))).toEqual([
      {
        path: 'rules[0].conditions.all[0].operator',
        message:
          'unknown operator "greaterThen" (did you mean "greaterThan"?); known: equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain',
      },
    ]);
  });

  it('names an unknown fact, with a suggestion, also inside nested conditions and { fact } values', () => {
    const errors = errorsOf((doc) => {
      const any = (condition(doc, 1).any as Record<string, unknown>[])[1].not as Record<string, unknown>;
      any.fact = 'nearTreshold';
      (condition(doc, 2).value as Record<string, unknown>).fact = 'customerSum8d';
    });
    expect(errors.map((e) => e.path)).toEqual([
      'rules[0].conditions.all[1].any[1].not.fact',
      'rules[0].conditions.all[2].value.fact',
    ]);
    expect(errors[0].message).toMatch(
      /^unknown fact "nearTreshold" \(did you mean "nearThreshold"\?\); known: amount, /,
    );
    expect(errors[1].message).toMatch(/^unknown fact "customerSum8d" \(did you mean "customerSum7d"\?\)/);
  });

  it('requires values that fit the fact: numbers, flags 0/1, strings, non-empty lists', () => {
    expect(errorsOf((doc) => (condition(doc, 0).value = '10000'))).toEqual([
      {
        path: 'rules[0].conditions.all[0].value',
        message: 'expected a number or { "fact": "<number fact>" }, got "10000"',
      },
    ]);
    expect(
      errorsOf((doc) => Object.assign(condition(doc, 0), { fact: 'customerIsPep', operator: 'equal', value: true })),
    ).toEqual([
      {
        path: 'rules[0].conditions.all[0].value',
        message: 'expected 0 or 1 (a flag) or { "fact": "<number fact>" }, got true',
      },
    ]);
    expect(
      errorsOf((doc) => Object.assign(condition(doc, 0), { fact: 'channel', operator: 'in', value: ['cash', 3] })),
    ).toEqual([{ path: 'rules[0].conditions.all[0].value[1]', message: 'expected a string, got 3' }]);
    expect(errorsOf((doc) => Object.assign(condition(doc, 0), { operator: 'notIn', value: [] }))).toEqual([
      { path: 'rules[0].conditions.all[0].value', message: '"notIn" needs a non-empty list of numbers, got []' },
    ]);
    expect(errorsOf((doc) => Object.assign(condition(doc, 0), { operator: 'in', value: { fact: 'amount' } }))).toEqual([
      { path: 'rules[0].conditions.all[0].value', message: '"in" needs a literal list of values, not another fact' },
    ]);
  });

  it('rejects operators that cannot work on the fact', () => {
    expect(errorsOf((doc) => Object.assign(condition(doc, 0), { fact: 'channel', value: 'wire' }))).toEqual([
      {
        path: 'rules[0].conditions.all[0].operator',
        message:
          '"greaterThanInclusive" compares numbers, and "channel" is a category (a string); use equal, notEqual, in or notIn',
      },
    ]);
    expect(errorsOf((doc) => Object.assign(condition(doc, 0), { operator: 'contains', value: 1 }))).toEqual([
      {
        path: 'rules[0].conditions.all[0].operator',
        message: '"contains" tests a list fact, and "amount" is a single number; use "equal" or "in"',
      },
    ]);
    expect(errorsOf((doc) => (condition(doc, 2).value = { fact: 'channel' }))).toEqual([
      {
        path: 'rules[0].conditions.all[2].value.fact',
        message: '"customerSum24h" is a number and "channel" is a category; compare facts of the same kind',
      },
    ]);
  });

  it('rejects path, params, condition priorities, condition references and unknown keys', () => {
    const errors = errorsOf((doc) => {
      Object.assign(condition(doc, 0), { path: '$.x', params: { a: 1 }, priority: 2 });
      doc.rules[0].conditions.all.push({ condition: 'shared' } as never);
      (doc.rules[0] as Record<string, unknown>).onSuccess = 'x';
      (doc.rules[0].event.params as Record<string, unknown>).extra = 1;
      doc.thresholds = { ...doc.thresholds, allow: 0.1 } as never;
      doc.version = 2;
    });
    expect(errors).toEqual([
      { path: 'version', message: 'unknown key "version"; expected "rules", "thresholds"' },
      { path: 'thresholds.allow', message: 'unknown key "allow"; expected "review", "block"' },
      {
        path: 'rules[0].onSuccess',
        message: 'unknown key "onSuccess"; expected "name", "priority", "conditions", "event"',
      },
      { path: 'rules[0].conditions.all[0].path', message: '"path" is not supported: facts are single values' },
      { path: 'rules[0].conditions.all[0].params', message: '"params" is not supported: facts take no parameters' },
      { path: 'rules[0].conditions.all[0].priority', message: 'condition priorities are not supported' },
      {
        path: 'rules[0].conditions.all[3]',
        message: 'condition references are not supported; write the condition inline',
      },
      { path: 'rules[0].event.params.extra', message: 'unknown key "extra"; expected "message", "action", "weight"' },
    ]);
  });

  it('checks the rule: unique names, priority, message, action, weight, root condition', () => {
    const errors = errorsOf((doc) => {
      const second = structuredClone(doc.rules[0]);
      Object.assign(second, { priority: 1.5, conditions: { fact: 'amount', operator: 'equal', value: 1 } });
      second.event.params = { message: ' ', action: 'allow', weight: 1.5 };
      doc.rules.push(second);
    });
    expect(errors).toEqual([
      { path: 'rules[1].priority', message: 'expected an integer ≥ 1 (higher runs first; default 1), got 1.5' },
      {
        path: 'rules[1].conditions',
        message: 'the root of "conditions" must be "all", "any" or "not" (wrap a single comparison in "all")',
      },
      { path: 'rules[1].event.params.message', message: 'required: a non-empty string shown to analysts, got " "' },
      { path: 'rules[1].event.params.action', message: 'expected "review" or "block", got "allow"' },
      { path: 'rules[1].event.params.weight', message: 'expected a number from 0 to 1, got 1.5' },
      { path: 'rules[1].name', message: 'duplicate rule name "large-amount" (also rules[0].name)' },
    ]);
  });

  it('rejects empty all/any and a not over an array', () => {
    expect(errorsOf((doc) => (doc.rules[0].conditions = { any: [] } as never))).toEqual([
      {
        path: 'rules[0].conditions.any',
        message: '"any" needs at least one condition (json-rules-engine treats an empty one as true)',
      },
    ]);
    expect(errorsOf((doc) => (doc.rules[0].conditions = { not: [] } as never))).toEqual([
      {
        path: 'rules[0].conditions.not',
        message: '"not" takes one condition, not an array (wrap several in "all" or "any")',
      },
    ]);
  });

  it('checks the thresholds: 0 < review < block ≤ 1', () => {
    expect(errorsOf((doc) => (doc.thresholds = { review: 0.9, block: 0.5 }))).toEqual([
      { path: 'thresholds.review', message: 'must be below the block threshold (0.5), got 0.9' },
    ]);
    expect(errorsOf((doc) => (doc.thresholds = { review: 0, block: 1.2 }))).toEqual([
      { path: 'thresholds.review', message: 'must be above 0 and below 1, got 0' },
      { path: 'thresholds.block', message: 'must be above 0 and at most 1, got 1.2' },
    ]);
    expect(errorsOf((doc) => delete (doc as Record<string, unknown>).thresholds)).toEqual([
      { path: 'thresholds', message: 'expected { "review": number, "block": number }, got nothing' },
    ]);
  });

  it('enforces the limits: depth, rule count, size', () => {
    let deep: Record<string, unknown> = { fact: 'amount', operator: 'greaterThan', value: 1 };
    for (let i = 0; i < RULE_SET_LIMITS.maxDepth; i++) deep = { not: deep };
    expect(errorsOf((doc) => (doc.rules[0].conditions = deep as never))).toEqual([]);
    expect(errorsOf((doc) => (doc.rules[0].conditions = { all: [deep] } as never))).toEqual([
      {
        path: `rules[0].conditions.all[0]${'.not'.repeat(RULE_SET_LIMITS.maxDepth - 1)}`,
        message: 'conditions nest deeper than 10 levels of all/any/not',
      },
    ]);

    // A hostile document nested thousands deep is answered, not a stack overflow.
    let hostile: Record<string, unknown> = { fact: 'amount', operator: 'greaterThan', value: 1 };
    for (let i = 0; i < 5_000; i++) hostile = { not: hostile };
    const answer = validateRuleSet({ ...valid(), rules: [{ ...valid().rules[0], conditions: hostile }] });
    expect(answer.ok ? [] : answer.errors.map((e) => e.message)).toEqual([
      'conditions nest deeper than 10 levels of all/any/not',
    ]);

    // Minimal rules, so that 501 of them stay within the size limit.
    const many = {
      rules: Array.from({ length: RULE_SET_LIMITS.maxRules + 1 }, (_, i) => ({
        name: `r${i}`,
        conditions: { all: [{ fact: 'amount', operator: 'equal', value: i }] },
        event: { type: 't', params: { message: 'm' } },
      })),
      thresholds: { review: 0.5, block: 0.9 },
    };
    expect(validateRuleSet(many)).toEqual({
      ok: false,
      errors: [{ path: 'rules', message: '501 rules; at most 500 are allowed' }],
    });
    // 500 such rules are allowed by count (though, at about 67 KB, not by size).
    many.rules.pop();
    const at500 = validateRuleSet(many);
    expect(at500.ok ? [] : at500.errors.map((e) => e.path)).toEqual(['']);

    const big = valid();
    big.rules[0].event.params.message = 'x'.repeat(RULE_SET_LIMITS.maxBytes);
    const result = validateRuleSet(big);
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: '',
        message: expect.stringMatching(/^the document is \d+ bytes of JSON; at most 65536 are allowed$/) as string,
      },
    ]);
  });

  it('answers non-objects and malformed input without throwing', () => {
    expect(validateRuleSet(null)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'expected an object with "rules" and "thresholds", got null' }],
    });
    expect(validateRuleSet(undefined)).toEqual({ ok: false, errors: [{ path: '', message: 'expected an object' }] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(validateRuleSet(cyclic).ok).toBe(false);
    const junk = validateRuleSet({
      rules: [1, 'x', { conditions: { all: 'x' } }],
      thresholds: { review: 'a', block: null },
    });
    expect(junk.ok ? [] : junk.errors.map((e) => e.path)).toEqual([
      'thresholds.review',
      'thresholds.block',
      'rules[0]',
      'rules[1]',
      'rules[2].name',
      'rules[2].conditions.all',
      'rules[2].event',
    ]);
  });
});
