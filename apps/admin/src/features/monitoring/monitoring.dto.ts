import type { components, paths } from '../../api/schema';

type Schemas = components['schemas'];

export type RuleSetDto = Schemas['RuleSetDto'];
export type RuleSetDiffDto = Schemas['RuleSetDiffDto'];
export type DryRunResultDto = Schemas['DryRunResultDto'];
export type RuleFactDto = Schemas['RuleFactDto'];
export type ModelDto = Schemas['ModelDto'];
export type BacktestDto = Schemas['BacktestDto'];
export type BacktestResultDto = Schemas['BacktestResultDto'];
export type TransactionSummaryDto = Schemas['TransactionSummaryDto'];
export type TransactionDetailDto = Schemas['TransactionDetailDto'];
export type TransactionListQuery = NonNullable<paths['/v1/transactions']['get']['parameters']['query']>;
export type Decision = TransactionSummaryDto['decision'];

export const DECISION_COLORS: Record<Decision, string> = { allow: 'green', review: 'gold', block: 'red' };

export const RULE_SET_STATUS_COLORS: Record<RuleSetDto['status'], string> = {
  draft: 'default',
  pending_approval: 'processing',
  published: 'green',
  retired: 'default',
};

export const MODEL_STATUS_COLORS: Record<ModelDto['status'], string> = {
  uploaded: 'default',
  shadow: 'purple',
  champion: 'green',
  retired: 'default',
};

/** json-rules-engine's operators the validator accepts. */
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

/** A starting point for a new draft: one rule and the default thresholds. */
export const NEW_RULE_SET_DOCUMENT = {
  rules: [
    {
      name: 'large-amount',
      priority: 1,
      conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 50000 }] },
      event: { type: 'large_amount', params: { message: 'Amount of 50,000 or more', weight: 0.3 } },
    },
  ],
  thresholds: { review: 0.5, block: 0.9 },
};
