import {
  isRuleFactReference,
  type FiredRule,
  type RuleCondition,
  type RuleDefinition,
  type RuleSetDocument,
} from './rule-set.document.js';

/** Facts as the pipeline hands them over (a FeatureVector); anything missing reads as undefined. */
export type RuleFacts = Readonly<Record<string, unknown>>;

export interface CompiledRuleSet {
  /** The rules whose conditions hold, highest priority first, then in document order. Synchronous, no I/O. */
  evaluate(facts: RuleFacts): FiredRule[];
  /** The thresholds of the compiled document. */
  readonly thresholds: RuleSetDocument['thresholds'];
  /** Facts the rules read (left-hand sides and `{ fact }` values), deduplicated, in first-use order. */
  readonly facts: readonly string[];
}

/** Fact values of one evaluation, by slot: each fact the rules name is read once per evaluation. */
type Slots = unknown[];
type Predicate = (slots: Slots) => boolean;

/**
 * Compiles a validated rule set into closures with json-rules-engine's semantics (7.x, `allowUndefinedFacts: true`),
 * without evaluating any text: each condition becomes a small function over the fact values of one evaluation.
 * The equivalence is checked by rule-set.compiler.spec.ts against json-rules-engine on random rule sets and facts.
 *
 * What json-rules-engine does, and what is reproduced here (see node_modules/json-rules-engine/dist):
 * - A missing fact is `undefined` (allowUndefinedFacts); a `{ fact }` value reads that fact the same way.
 * - equal / notEqual are `===` / `!==` (so a missing fact is notEqual to anything, and NaN equals nothing).
 * - in / notIn are `value.indexOf(fact) > -1` / `=== -1` (strict equality, NaN is never in a list).
 * - contains / doesNotContain require the fact to be an array, else false (both of them).
 * - lessThan… greaterThanInclusive require `parseFloat(fact)` not to be NaN, then apply JavaScript's `<`, `<=`, `>`,
 *   `>=` to the raw values (so "12" > 5 is true, and two strings compare lexicographically).
 * - `all: []` and `any: []` are true; one child is that child's result; `not` negates its child.
 * - Rule priority is `parseInt(priority || 1)`; higher priorities run first. json-rules-engine evaluates the rules of
 *   one priority concurrently, so its completion order within a priority means nothing; the order here (and in the
 *   reference evaluator) is priority descending, then document order.
 * Evaluation order inside all/any differs (this short-circuits), which cannot change a result: conditions of a
 * validated document have no side effects and cannot throw.
 */
export function compileRuleSet(doc: RuleSetDocument): CompiledRuleSet {
  const slotOf = new Map<string, number>();
  const slot = (fact: string): number => {
    let index = slotOf.get(fact);
    if (index === undefined) {
      index = slotOf.size;
      slotOf.set(fact, index);
    }
    return index;
  };

  const ordered = doc.rules
    .map((rule, index) => ({ rule, index, priority: rulePriority(rule) }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index);
  const compiled = ordered.map(({ rule }) => ({
    test: compileCondition(rule.conditions, slot),
    fired: Object.freeze(firedRule(rule)),
  }));

  const names = [...slotOf.keys()];
  // A fact named like an Object.prototype member ("constructor") must not read the prototype: json-rules-engine only
  // sees the facts object's own enumerable keys.
  const inherited = names.map((name) => name in Object.prototype);
  const slots: Slots = new Array<unknown>(names.length);
  const count = compiled.length;

  return {
    thresholds: { ...doc.thresholds },
    facts: names,
    evaluate(facts: RuleFacts): FiredRule[] {
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        slots[i] = inherited[i] && !Object.hasOwn(facts, name) ? undefined : facts[name];
      }
      const fired: FiredRule[] = [];
      for (let i = 0; i < count; i++) {
        const rule = compiled[i];
        if (rule.test(slots)) fired.push(rule.fired);
      }
      return fired;
    },
  };
}

/** json-rules-engine's Rule#setPriority after `options.priority || 1`. */
export function rulePriority(rule: Pick<RuleDefinition, 'priority'>): number {
  return Number.parseInt(String(rule.priority || 1), 10);
}

export function firedRule(rule: RuleDefinition): FiredRule {
  const { message, action, weight } = rule.event.params;
  return {
    name: rule.name,
    type: rule.event.type,
    message,
    ...(action === undefined ? {} : { action }),
    weight: weight ?? 0,
  };
}

function compileCondition(condition: RuleCondition, slot: (fact: string) => number): Predicate {
  if (Object.hasOwn(condition, 'any')) return combine((condition as { any: RuleCondition[] }).any, 'any', slot);
  if (Object.hasOwn(condition, 'all')) return combine((condition as { all: RuleCondition[] }).all, 'all', slot);
  if (Object.hasOwn(condition, 'not')) {
    const inner = compileCondition((condition as { not: RuleCondition }).not, slot);
    return (slots) => !inner(slots);
  }
  return compileComparison(condition as { fact: string; operator: string; value: unknown }, slot);
}

function combine(children: RuleCondition[], operator: 'all' | 'any', slot: (fact: string) => number): Predicate {
  if (children.length === 0) return () => true;
  if (children.length === 1) return compileCondition(children[0], slot);
  const tests = children.map((child) => compileCondition(child, slot));
  if (tests.length === 2) {
    const [first, second] = tests;
    return operator === 'all' ? (s) => first(s) && second(s) : (s) => first(s) || second(s);
  }
  const n = tests.length;
  return operator === 'all'
    ? (s) => {
        for (let i = 0; i < n; i++) if (!tests[i](s)) return false;
        return true;
      }
    : (s) => {
        for (let i = 0; i < n; i++) if (tests[i](s)) return true;
        return false;
      };
}

/** json-rules-engine's numberValidator: the fact must parse as a number. */
function parsesAsNumber(value: unknown): boolean {
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

/** `list.indexOf(value)` on whatever the right-hand side is, as json-rules-engine calls it. */
function indexIn(list: unknown, value: unknown): number {
  return (list as { indexOf(item: unknown): number }).indexOf(value);
}

function compileComparison(
  condition: { fact: string; operator: string; value: unknown },
  slot: (fact: string) => number,
): Predicate {
  const left = slot(condition.fact);
  const rawValue = condition.value;
  const right = isRuleFactReference(rawValue) ? slot(rawValue.fact) : -1;

  if (right >= 0) return compareWithFact(condition.operator, left, right);
  // Constant right-hand side: the value is fixed at compile time, so specialise.
  const b = rawValue;
  switch (condition.operator) {
    case 'equal':
      return (s) => s[left] === b;
    case 'notEqual':
      return (s) => s[left] !== b;
    case 'in':
    case 'notIn': {
      const inList = listMembership(b);
      return condition.operator === 'in' ? (s) => inList(s[left]) : (s) => !inList(s[left]);
    }
    case 'contains':
      return (s) => {
        const a = s[left];
        return Array.isArray(a) && a.indexOf(b) > -1;
      };
    case 'doesNotContain':
      return (s) => {
        const a = s[left];
        return Array.isArray(a) && a.indexOf(b) === -1;
      };
    // For a number fact, parseFloat(String(a)) is NaN only when a is NaN, and NaN compares false anyway.
    case 'lessThan':
      return (s) => {
        const a = s[left];
        return typeof a === 'number' ? a < (b as number) : parsesAsNumber(a) && (a as number) < (b as number);
      };
    case 'lessThanInclusive':
      return (s) => {
        const a = s[left];
        return typeof a === 'number' ? a <= (b as number) : parsesAsNumber(a) && (a as number) <= (b as number);
      };
    case 'greaterThan':
      return (s) => {
        const a = s[left];
        return typeof a === 'number' ? a > (b as number) : parsesAsNumber(a) && (a as number) > (b as number);
      };
    case 'greaterThanInclusive':
      return (s) => {
        const a = s[left];
        return typeof a === 'number' ? a >= (b as number) : parsesAsNumber(a) && (a as number) >= (b as number);
      };
    default:
      throw new Error(`unknown operator "${condition.operator}"`);
  }
}

/** `value.indexOf(fact) > -1` for a constant right-hand side; long lists of primitives use a Set. */
function listMembership(list: unknown): (value: unknown) => boolean {
  if (!Array.isArray(list)) return (value) => indexIn(list, value) > -1;
  const items: unknown[] = list;
  if (items.length <= 8 || items.some((item) => typeof item === 'object' && item !== null)) {
    return (value) => items.indexOf(value) > -1;
  }
  // A Set matches NaN (SameValueZero) where indexOf does not (strict equality); -0 and 0 match in both.
  const set = new Set(items);
  return (value) => set.has(value) && value === value;
}

function compareWithFact(operator: string, left: number, right: number): Predicate {
  switch (operator) {
    case 'equal':
      return (s) => s[left] === s[right];
    case 'notEqual':
      return (s) => s[left] !== s[right];
    case 'in':
      return (s) => indexIn(s[right], s[left]) > -1;
    case 'notIn':
      return (s) => indexIn(s[right], s[left]) === -1;
    case 'contains':
      return (s) => {
        const a = s[left];
        return Array.isArray(a) && a.indexOf(s[right]) > -1;
      };
    case 'doesNotContain':
      return (s) => {
        const a = s[left];
        return Array.isArray(a) && a.indexOf(s[right]) === -1;
      };
    case 'lessThan':
      return (s) => parsesAsNumber(s[left]) && (s[left] as number) < (s[right] as number);
    case 'lessThanInclusive':
      return (s) => parsesAsNumber(s[left]) && (s[left] as number) <= (s[right] as number);
    case 'greaterThan':
      return (s) => parsesAsNumber(s[left]) && (s[left] as number) > (s[right] as number);
    case 'greaterThanInclusive':
      return (s) => parsesAsNumber(s[left]) && (s[left] as number) >= (s[right] as number);
    default:
      throw new Error(`unknown operator "${operator}"`);
  }
}
