import { patch } from 'jsondiffpatch';
import { describe, expect, it } from 'vitest';
import { defaultAmlRuleSet } from './default-rule-set.js';
import { diffRuleSets } from './rule-set.differ.js';
import type { RuleDefinition, RuleSetDocument } from './rule-set.document.js';

const rule = (name: string, threshold: number, extra: Partial<RuleDefinition> = {}): RuleDefinition => ({
  name,
  conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: threshold }] },
  event: { type: 'large_amount', params: { message: `over ${threshold}` } },
  ...extra,
});

const published: RuleSetDocument = {
  rules: [rule('a', 1), rule('b', 2), rule('c', 3), rule('d', 4, { priority: 1 })],
  thresholds: { review: 0.5, block: 0.9 },
};

describe('diffRuleSets', () => {
  it('lists added, removed and changed rules by name, with the changed fields', () => {
    const draft: RuleSetDocument = {
      rules: [
        rule('new', 9),
        rule('a', 1),
        { ...rule('b', 20), priority: 2 },
        { ...rule('c', 3), event: { type: 'other', params: { message: 'over 3', action: 'review', weight: 0.3 } } },
      ],
      thresholds: { review: 0.5, block: 0.9 },
    };
    const diff = diffRuleSets(published, draft);
    expect(diff.added).toEqual(['new']);
    expect(diff.removed).toEqual(['d']);
    expect(diff.changed.map(({ name, fields }) => ({ name, fields }))).toEqual([
      { name: 'b', fields: ['priority', 'conditions', 'event.params.message'] },
      { name: 'c', fields: ['event.type', 'event.params.action', 'event.params.weight'] },
    ]);
    expect(diff.changed[0].before).toEqual(published.rules[1]);
    expect(diff.unchanged).toBe(1);
    expect(diff.thresholds).toBeNull();
    // The json delta turns the published document into the draft.
    expect(patch(structuredClone(published), diff.delta)).toEqual(draft);
  });

  it('does not count defaults or key order as changes', () => {
    const draft: RuleSetDocument = {
      rules: [
        { ...rule('a', 1), priority: 1 },
        { ...rule('b', 2), event: { type: 'large_amount', params: { message: 'over 2', weight: 0 } } },
        {
          event: rule('c', 3).event,
          conditions: { all: [{ value: 3, operator: 'greaterThan', fact: 'amount' }] },
          name: 'c',
        },
        rule('d', 4),
      ],
      thresholds: { review: 0.5, block: 0.9 },
    };
    const diff = diffRuleSets(published, draft);
    expect(diff).toMatchObject({ added: [], removed: [], changed: [], unchanged: 4, thresholds: null });
  });

  it('reports the threshold change, and everything as added when nothing is published', () => {
    const draft = { ...published, thresholds: { review: 0.4, block: 0.95 } };
    expect(diffRuleSets(published, draft).thresholds).toEqual({
      before: { review: 0.5, block: 0.9 },
      after: { review: 0.4, block: 0.95 },
    });
    const first = diffRuleSets(null, defaultAmlRuleSet());
    expect(first.added).toHaveLength(50);
    expect(first).toMatchObject({ removed: [], changed: [], unchanged: 0 });
    expect(first.thresholds).toEqual({ before: null, after: { review: 0.5, block: 0.9 } });
  });

  it('finds no difference between a document and itself', () => {
    const diff = diffRuleSets(defaultAmlRuleSet(), defaultAmlRuleSet());
    expect(diff).toEqual({ added: [], removed: [], changed: [], unchanged: 50, thresholds: null, delta: undefined });
  });
});
