import { FEATURES, type FeatureDefinition } from '../feature/feature.schema.js';
import { RULE_OPERATORS, RULE_SET_LIMITS, type RuleOperator, type RuleSetDocument } from './rule-set.document.js';

export interface RuleSetValidationError {
  /** Where, e.g. `rules[3].conditions.all[1].operator`. */
  path: string;
  message: string;
}

export type RuleSetValidation =
  { ok: true; document: RuleSetDocument } | { ok: false; errors: RuleSetValidationError[] };

/** At most this many errors are listed; the last one says how many more there were. */
const MAX_ERRORS = 100;

const ORDERING: readonly RuleOperator[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
const LIST: readonly RuleOperator[] = ['in', 'notIn'];
const ARRAY_FACT: readonly RuleOperator[] = ['contains', 'doesNotContain'];

type Kind = FeatureDefinition['kind'];
type Json = Record<string, unknown>;

/**
 * Structural validation of a rule-set document before it is saved: only the facts of the feature schema, only
 * json-rules-engine's built-in operators, values that fit the fact (numbers for number facts, 0 or 1 for flags,
 * strings for categories, non-empty lists for in/notIn, or `{ "fact": "other" }` of the same kind), no `path`,
 * `params`, condition priorities or condition references, unique rule names, and the limits of RULE_SET_LIMITS.
 * Unknown keys are errors (a typo would otherwise silently change nothing). Every error names its path.
 */
export function validateRuleSet(doc: unknown, features: readonly FeatureDefinition[] = FEATURES): RuleSetValidation {
  const kinds = new Map(features.map((f) => [f.name, f.kind]));
  const errors: RuleSetValidationError[] = [];
  const fail = (path: string, message: string): void => {
    errors.push({ path, message });
  };

  // The limits first: a document over them is not examined further.
  if (isObject(doc) && Array.isArray(doc.rules) && doc.rules.length > RULE_SET_LIMITS.maxRules) {
    fail('rules', `${doc.rules.length} rules; at most ${RULE_SET_LIMITS.maxRules} are allowed`);
    return { ok: false, errors };
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(doc);
  } catch (error) {
    // Nesting too deep for JSON.stringify: the walk below stops at the depth limit and reports where.
    if (!(error instanceof RangeError)) return { ok: false, errors: [{ path: '', message: 'not JSON (a cycle?)' }] };
  }
  if (json === undefined && !isObject(doc)) return { ok: false, errors: [{ path: '', message: 'expected an object' }] };
  const bytes = json === undefined ? 0 : new TextEncoder().encode(json).length;
  if (bytes > RULE_SET_LIMITS.maxBytes) {
    fail('', `the document is ${bytes} bytes of JSON; at most ${RULE_SET_LIMITS.maxBytes} are allowed`);
    return { ok: false, errors };
  }

  if (!isObject(doc)) {
    fail('', `expected an object with "rules" and "thresholds", got ${describe(doc)}`);
    return { ok: false, errors };
  }
  onlyKeys(doc, '', ['rules', 'thresholds'], fail);
  validateThresholds(doc.thresholds, 'thresholds', fail);

  const rules = doc.rules;
  if (!Array.isArray(rules)) {
    fail('rules', `expected an array of rules, got ${describe(rules)}`);
  } else {
    const seen = new Map<string, number>();
    rules.forEach((rule, index) => {
      validateRule(rule, `rules[${index}]`, { kinds, fail });
      if (isObject(rule) && typeof rule.name === 'string') {
        const first = seen.get(rule.name);
        if (first === undefined) seen.set(rule.name, index);
        else fail(`rules[${index}].name`, `duplicate rule name "${rule.name}" (also rules[${first}].name)`);
      }
    });
  }

  if (errors.length === 0 && json === undefined) fail('', 'the document nests too deeply to be stored as JSON');
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) shown.push({ path: '', message: `… and ${errors.length - MAX_ERRORS} more` });
    return { ok: false, errors: shown };
  }
  return { ok: true, document: structuredClone(doc) as unknown as RuleSetDocument };
}

interface Context {
  kinds: Map<string, Kind>;
  fail: (path: string, message: string) => void;
}

function validateThresholds(value: unknown, path: string, fail: Context['fail']): void {
  if (!isObject(value)) {
    fail(path, `expected { "review": number, "block": number }, got ${describe(value)}`);
    return;
  }
  onlyKeys(value, path, ['review', 'block'], fail);
  const { review, block } = value;
  const reviewOk = isFiniteNumber(review);
  const blockOk = isFiniteNumber(block);
  if (!reviewOk) fail(`${path}.review`, `expected a number between 0 and 1, got ${describe(review)}`);
  if (!blockOk) fail(`${path}.block`, `expected a number between 0 and 1, got ${describe(block)}`);
  if (reviewOk && !(review > 0 && review < 1)) fail(`${path}.review`, `must be above 0 and below 1, got ${review}`);
  if (blockOk && !(block > 0 && block <= 1)) fail(`${path}.block`, `must be above 0 and at most 1, got ${block}`);
  if (reviewOk && blockOk && !(review < block)) {
    fail(`${path}.review`, `must be below the block threshold (${block}), got ${review}`);
  }
}

function validateRule(rule: unknown, path: string, ctx: Context): void {
  const { fail } = ctx;
  if (!isObject(rule)) {
    fail(path, `expected a rule object, got ${describe(rule)}`);
    return;
  }
  onlyKeys(rule, path, ['name', 'priority', 'conditions', 'event'], fail);

  const name = rule.name;
  if (typeof name !== 'string' || name.trim() === '') {
    fail(`${path}.name`, `expected a non-empty string, got ${describe(name)}`);
  } else if (name.length > RULE_SET_LIMITS.maxNameLength) {
    fail(`${path}.name`, `at most ${RULE_SET_LIMITS.maxNameLength} characters, got ${name.length}`);
  }

  if (rule.priority !== undefined && !(Number.isSafeInteger(rule.priority) && (rule.priority as number) >= 1)) {
    fail(`${path}.priority`, `expected an integer ≥ 1 (higher runs first; default 1), got ${describe(rule.priority)}`);
  }

  const conditions = rule.conditions;
  if (!isObject(conditions)) {
    fail(
      `${path}.conditions`,
      `expected { "all": [...] }, { "any": [...] } or { "not": {...} }, got ${describe(conditions)}`,
    );
  } else if (!['all', 'any', 'not'].some((key) => Object.hasOwn(conditions, key))) {
    fail(
      `${path}.conditions`,
      Object.hasOwn(conditions, 'condition')
        ? 'condition references are not supported; write the condition inline'
        : 'the root of "conditions" must be "all", "any" or "not" (wrap a single comparison in "all")',
    );
  } else {
    validateCondition(conditions, `${path}.conditions`, 1, ctx);
  }

  validateEvent(rule.event, `${path}.event`, fail);
}

function validateEvent(event: unknown, path: string, fail: Context['fail']): void {
  if (!isObject(event)) {
    fail(path, `expected { "type": string, "params": { "message": string, ... } }, got ${describe(event)}`);
    return;
  }
  onlyKeys(event, path, ['type', 'params'], fail);
  if (typeof event.type !== 'string' || event.type.trim() === '') {
    fail(`${path}.type`, `expected a non-empty string, got ${describe(event.type)}`);
  } else if (event.type.length > RULE_SET_LIMITS.maxNameLength) {
    fail(`${path}.type`, `at most ${RULE_SET_LIMITS.maxNameLength} characters, got ${event.type.length}`);
  }
  const params = event.params;
  if (!isObject(params)) {
    fail(
      `${path}.params`,
      `expected { "message": string, "action"?: "review" | "block", "weight"?: number }, got ${describe(params)}`,
    );
    return;
  }
  onlyKeys(params, `${path}.params`, ['message', 'action', 'weight'], fail);
  if (typeof params.message !== 'string' || params.message.trim() === '') {
    fail(`${path}.params.message`, `required: a non-empty string shown to analysts, got ${describe(params.message)}`);
  } else if (params.message.length > RULE_SET_LIMITS.maxMessageLength) {
    fail(
      `${path}.params.message`,
      `at most ${RULE_SET_LIMITS.maxMessageLength} characters, got ${params.message.length}`,
    );
  }
  if (params.action !== undefined && params.action !== 'review' && params.action !== 'block') {
    fail(`${path}.params.action`, `expected "review" or "block", got ${describe(params.action)}`);
  }
  if (params.weight !== undefined && !(isFiniteNumber(params.weight) && params.weight >= 0 && params.weight <= 1)) {
    fail(`${path}.params.weight`, `expected a number from 0 to 1, got ${describe(params.weight)}`);
  }
}

function validateCondition(condition: unknown, path: string, depth: number, ctx: Context): void {
  const { fail } = ctx;
  if (!isObject(condition)) {
    fail(path, `expected a condition object, got ${describe(condition)}`);
    return;
  }
  const booleans = ['all', 'any', 'not'].filter((key) => Object.hasOwn(condition, key));
  if (booleans.length > 0) {
    if (depth > RULE_SET_LIMITS.maxDepth) {
      fail(path, `conditions nest deeper than ${RULE_SET_LIMITS.maxDepth} levels of all/any/not`);
      return;
    }
    if (booleans.length > 1) {
      fail(path, `a condition has one of "all", "any" or "not", found ${booleans.map((b) => `"${b}"`).join(' and ')}`);
      return;
    }
    const operator = booleans[0];
    onlyKeys(condition, path, [operator], fail, {
      priority: 'condition priorities are not supported',
      name: 'condition names are not supported',
    });
    const children = condition[operator];
    const childPath = `${path}.${operator}`;
    if (operator === 'not') {
      if (Array.isArray(children))
        fail(childPath, '"not" takes one condition, not an array (wrap several in "all" or "any")');
      else validateCondition(children, childPath, depth + 1, ctx);
      return;
    }
    if (!Array.isArray(children)) {
      fail(childPath, `"${operator}" takes an array of conditions, got ${describe(children)}`);
    } else if (children.length === 0) {
      fail(childPath, `"${operator}" needs at least one condition (json-rules-engine treats an empty one as true)`);
    } else {
      children.forEach((child, index) => validateCondition(child, `${childPath}[${index}]`, depth + 1, ctx));
    }
    return;
  }
  if (Object.hasOwn(condition, 'condition')) {
    fail(path, 'condition references are not supported; write the condition inline');
    return;
  }
  validateComparison(condition, path, ctx);
}

function validateComparison(condition: Json, path: string, ctx: Context): void {
  const { fail } = ctx;
  onlyKeys(condition, path, ['fact', 'operator', 'value'], fail, {
    path: '"path" is not supported: facts are single values',
    params: '"params" is not supported: facts take no parameters',
    priority: 'condition priorities are not supported',
    name: 'condition names are not supported',
  });
  for (const key of ['fact', 'operator', 'value'] as const) {
    if (!Object.hasOwn(condition, key))
      fail(path, `a comparison needs "fact", "operator" and "value"; "${key}" is missing`);
  }

  const fact = condition.fact;
  let kind: Kind | undefined;
  if (Object.hasOwn(condition, 'fact')) kind = checkFact(fact, `${path}.fact`, ctx);

  const operator = condition.operator;
  let op: RuleOperator | undefined;
  if (Object.hasOwn(condition, 'operator')) {
    if (typeof operator === 'string' && (RULE_OPERATORS as readonly string[]).includes(operator)) {
      op = operator as RuleOperator;
    } else {
      const hint = typeof operator === 'string' ? closest(operator, RULE_OPERATORS) : undefined;
      fail(
        `${path}.operator`,
        `unknown operator ${describe(operator)}${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${RULE_OPERATORS.join(', ')}`,
      );
    }
  }
  if (!Object.hasOwn(condition, 'value') || kind === undefined || op === undefined) return;
  validateValue(condition.value, `${path}.value`, { fact: fact as string, kind, operator: op }, ctx);
}

function checkFact(fact: unknown, path: string, { kinds, fail }: Context): Kind | undefined {
  if (typeof fact !== 'string') {
    fail(path, `expected a fact name (a string), got ${describe(fact)}`);
    return undefined;
  }
  const kind = kinds.get(fact);
  if (kind === undefined) {
    const hint = closest(fact, [...kinds.keys()]);
    fail(
      path,
      `unknown fact "${fact}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${[...kinds.keys()].join(', ')}`,
    );
  }
  return kind;
}

function validateValue(
  value: unknown,
  path: string,
  left: { fact: string; kind: Kind; operator: RuleOperator },
  ctx: Context,
): void {
  const { fail } = ctx;
  const { fact, kind, operator } = left;
  const numeric = kind !== 'category';

  if (ARRAY_FACT.includes(operator)) {
    fail(
      path.replace(/\.value$/, '.operator'),
      `"${operator}" tests a list fact, and "${fact}" is a single ${kind === 'category' ? 'string' : 'number'}; use ${
        operator === 'contains' ? '"equal" or "in"' : '"notEqual" or "notIn"'
      }`,
    );
    return;
  }
  if (!numeric && ORDERING.includes(operator)) {
    fail(
      path.replace(/\.value$/, '.operator'),
      `"${operator}" compares numbers, and "${fact}" is a category (a string); use equal, notEqual, in or notIn`,
    );
    return;
  }

  if (isObject(value)) {
    if (!Object.hasOwn(value, 'fact')) {
      fail(path, `expected ${expected(kind, operator)}, got ${describe(value)}`);
      return;
    }
    onlyKeys(value, path, ['fact'], fail, {
      path: '"path" is not supported: facts are single values',
      params: '"params" is not supported: facts take no parameters',
    });
    if (LIST.includes(operator)) {
      fail(path, `"${operator}" needs a literal list of values, not another fact`);
      return;
    }
    const otherKind = checkFact(value.fact, `${path}.fact`, ctx);
    if (otherKind !== undefined && (otherKind === 'category') !== (kind === 'category')) {
      fail(
        `${path}.fact`,
        `"${fact}" is a ${kind === 'category' ? 'category' : 'number'} and "${String(value.fact)}" is a ${
          otherKind === 'category' ? 'category' : 'number'
        }; compare facts of the same kind`,
      );
    }
    return;
  }

  if (LIST.includes(operator)) {
    if (!Array.isArray(value) || value.length === 0) {
      fail(path, `"${operator}" needs a non-empty list of ${elements(kind)}, got ${describe(value)}`);
      return;
    }
    value.forEach((item, index) => {
      if (!fits(item, kind)) fail(`${path}[${index}]`, `expected ${element(kind)}, got ${describe(item)}`);
    });
    return;
  }
  if (!fits(value, kind) || (ORDERING.includes(operator) && !isFiniteNumber(value))) {
    fail(path, `expected ${expected(kind, operator)}, got ${describe(value)}`);
  }
}

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'number':
      return isFiniteNumber(value);
    case 'flag':
      return value === 0 || value === 1;
    case 'category':
      return typeof value === 'string';
  }
}

function element(kind: Kind): string {
  switch (kind) {
    case 'number':
      return 'a number';
    case 'flag':
      return '0 or 1 (a flag)';
    case 'category':
      return 'a string';
  }
}

function elements(kind: Kind): string {
  switch (kind) {
    case 'number':
      return 'numbers';
    case 'flag':
      return 'flags (0 or 1)';
    case 'category':
      return 'strings';
  }
}

function expected(kind: Kind, operator: RuleOperator): string {
  if (ORDERING.includes(operator)) return 'a number or { "fact": "<number fact>" }';
  return `${element(kind)} or { "fact": "<${kind === 'category' ? 'category' : 'number'} fact>" }`;
}

function onlyKeys(
  value: Json,
  path: string,
  allowed: readonly string[],
  fail: Context['fail'],
  explained: Record<string, string> = {},
): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const at = path === '' ? key : `${path}.${key}`;
    fail(at, explained[key] ?? `unknown key "${key}"; expected ${allowed.map((k) => `"${k}"`).join(', ')}`);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? `a ${typeof value}`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The candidate within a small edit distance of `word` (case-insensitive), for "did you mean". */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
