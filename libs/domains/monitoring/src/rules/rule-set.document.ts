/**
 * The rule-set document authors save: json-rules-engine's rule JSON restricted to what the real-time path can
 * evaluate exactly (see rule-set.validator.ts), plus the decision thresholds. Stored as jsonb by the rule-set
 * lifecycle, validated on save, compiled for the real-time path (rule-set.compiler.ts), and evaluated by
 * json-rules-engine itself as the reference (rule-set.reference.ts).
 */

/** json-rules-engine's built-in operators, the only ones a rule may use. */
export const RULE_OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** The right-hand side names another fact: json-rules-engine's `{ "fact": "name" }` value form. */
export interface RuleFactReference {
  fact: string;
}

export type RuleValue = number | string | boolean | null | (number | string)[] | RuleFactReference;

/** A comparison `fact operator value`. No `path`, `params` or condition `priority`: facts are flat scalars. */
export interface RuleComparison {
  fact: string;
  operator: RuleOperator;
  value: RuleValue;
}

export interface RuleAll {
  all: RuleCondition[];
}
export interface RuleAny {
  any: RuleCondition[];
}
export interface RuleNot {
  not: RuleCondition;
}

/** A condition: a comparison or a boolean combination (condition references are not allowed). */
export type RuleCondition = RuleComparison | RuleAll | RuleAny | RuleNot;

/** The root of a rule's conditions must be a boolean combination, as in json-rules-engine. */
export type RuleTopLevelCondition = RuleAll | RuleAny | RuleNot;

export type RuleAction = 'review' | 'block';

export interface RuleEventParams {
  /** Shown to analysts and returned to the caller as the reason. */
  message: string;
  /** Forces at least this decision when the rule fires. */
  action?: RuleAction;
  /** Contribution to the combined score, 0..1: score = 1 − (1 − model) × Π(1 − weight). Default 0. */
  weight?: number;
}

export interface RuleDefinition {
  /** Unique within the document; identifies the rule in reasons, diffs and backtests. */
  name: string;
  /** Integer ≥ 1 (json-rules-engine's default 1); higher-priority rules are listed first. */
  priority?: number;
  conditions: RuleTopLevelCondition;
  event: { type: string; params: RuleEventParams };
}

export interface RuleSetThresholds {
  /** Combined score from which a transaction goes to review; 0 < review < block. */
  review: number;
  /** Combined score from which a transaction is blocked; review < block ≤ 1. */
  block: number;
}

export interface RuleSetDocument {
  rules: RuleDefinition[];
  thresholds: RuleSetThresholds;
}

/** A rule whose conditions held for a fact vector, as the decision and the caller see it. */
export interface FiredRule {
  name: string;
  type: string;
  message: string;
  action?: RuleAction;
  /** The rule's weight, 0 when the rule sets none. */
  weight: number;
}

/** Limits a document must respect (validated on save). */
export const RULE_SET_LIMITS = {
  maxRules: 500,
  /** Nesting of all/any/not, the root counting as 1. */
  maxDepth: 10,
  /** UTF-8 bytes of the document's JSON. */
  maxBytes: 64 * 1024,
  maxNameLength: 120,
  maxMessageLength: 500,
} as const;

export function isRuleFactReference(value: unknown): value is RuleFactReference {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'fact');
}
