/**
 * The feature vector: every fact the rules may name and, for the numeric ones, the model's input (in this order).
 * This file is the contract between the real-time pipeline (which computes aggregates in SQL), the model trainer
 * (which computes the same aggregates over synthetic histories) and the rule validator (which accepts only these
 * facts). Each entry documents its formula; docs/features.md is generated from it.
 *
 * Amounts are in the tenant's base currency, major units (converted at the configured rate), so that aggregates
 * over several currencies add up. Windows end at the transaction's `bookedAt` and include it.
 */
export interface FeatureDefinition {
  readonly name: string;
  /** number: a real; flag: 0 or 1; category: a string fact for rules only (not a model input). */
  readonly kind: 'number' | 'flag' | 'category';
  readonly description: string;
  readonly formula: string;
}

const windows = [
  ['1h', 'one hour'],
  ['24h', '24 hours'],
  ['7d', 'seven days'],
  ['30d', '30 days'],
] as const;

function windowed(scope: 'customer' | 'account'): FeatureDefinition[] {
  return windows.flatMap(([w, text]) => [
    {
      name: `${scope}Count${w}`,
      kind: 'number' as const,
      description: `Number of the ${scope}'s transactions (both directions) in the last ${text}, this one included.`,
      formula: `count(t : t.${scope} = x.${scope} ∧ x.bookedAt − ${w} < t.bookedAt ≤ x.bookedAt)`,
    },
    {
      name: `${scope}Sum${w}`,
      kind: 'number' as const,
      description: `Total amount of the ${scope}'s transactions (both directions) in the last ${text}, this one included.`,
      formula: `Σ t.amount over the same set`,
    },
  ]);
}

export const FEATURES: readonly FeatureDefinition[] = [
  { name: 'amount', kind: 'number', description: 'The amount in base currency.', formula: 'x.amount' },
  { name: 'logAmount', kind: 'number', description: 'Natural log of 1 + amount.', formula: 'ln(1 + x.amount)' },
  ...windowed('customer'),
  ...windowed('account'),
  {
    name: 'amountZScore30d',
    kind: 'number',
    description: "How many standard deviations the amount lies from the customer's 30-day mean (before this one).",
    formula: '(x.amount − μ30) / max(σ30, 1) where μ30, σ30 are over the prior 30 days; 0 with fewer than 2 prior',
  },
  {
    name: 'amountToMean30d',
    kind: 'number',
    description: "The amount divided by the customer's 30-day mean amount (before this one).",
    formula: 'x.amount / max(μ30, 1); 1 with no prior transaction',
  },
  {
    name: 'firstCounterparty',
    kind: 'flag',
    description:
      'No earlier transaction of the customer involved this counterparty (by IBAN, else account, else name).',
    formula: '1 if count(prior t : t.customer = x.customer ∧ t.counterpartyKey = x.counterpartyKey) = 0',
  },
  {
    name: 'counterpartyCountryRisk',
    kind: 'number',
    description: "Risk of the counterparty's country from the configured lists (e.g. FATF).",
    formula: '2 if on the high-risk list, 1 if on the increased-monitoring list, else 0',
  },
  {
    name: 'nearThreshold',
    kind: 'flag',
    description: 'The amount lies just below the reporting threshold (structuring).',
    formula: '1 if T × (1 − band) ≤ x.amount < T (T, band configured; default T = 10,000, band = 10%)',
  },
  {
    name: 'nearThresholdCount7d',
    kind: 'number',
    description: "The customer's near-threshold transactions in the last seven days, this one included.",
    formula: 'count(t in customer 7d window : nearThreshold(t))',
  },
  {
    name: 'roundAmount',
    kind: 'flag',
    description: 'The amount is a round number.',
    formula: '1 if x.amount ≥ 1,000 and x.amount mod 1,000 = 0 (original currency, major units)',
  },
  {
    name: 'outAfterInRatio24h',
    kind: 'number',
    description:
      'Money out soon after money in: how much of the last 24 hours of inflow this outgoing payment moves on.',
    formula:
      'direction = out ∧ in24 > 0 ? min(x.amount / in24, 1) : 0, in24 = Σ inbound amounts of the customer in 24 h',
  },
  {
    name: 'fanIn24h',
    kind: 'number',
    description: 'Distinct counterparties that paid the customer in the last 24 hours.',
    formula: 'count distinct t.counterpartyKey : t.direction = in, in the customer 24 h window',
  },
  {
    name: 'fanOut24h',
    kind: 'number',
    description: 'Distinct counterparties the customer paid in the last 24 hours.',
    formula: 'count distinct t.counterpartyKey : t.direction = out, in the customer 24 h window',
  },
  {
    name: 'accountAgeDays',
    kind: 'number',
    description: 'Days since the account was opened (or first seen).',
    formula: '(x.bookedAt − account.openedAt) / 1 day, ≥ 0',
  },
  {
    name: 'kycRiskRating',
    kind: 'number',
    description: "The customer's KYC risk rating.",
    formula: '0 unrated, 1 low, 2 medium, 3 high',
  },
  {
    name: 'customerIsPep',
    kind: 'flag',
    description: 'The customer is a politically exposed person.',
    formula: '1 if PEP',
  },
  {
    name: 'counterpartyScreeningScore',
    kind: 'number',
    description: "Best sanctions/PEP screening score of the counterparty's name (0 when no candidate).",
    formula: 'max hit score in [0, 1] from the screener',
  },
  {
    name: 'directionOut',
    kind: 'flag',
    description: 'The payment leaves the customer.',
    formula: '1 if direction = out',
  },
  { name: 'direction', kind: 'category', description: '"in" or "out".', formula: 'x.direction' },
  {
    name: 'channel',
    kind: 'category',
    description: 'card, wire, sepa, ach, cash, crypto, internal, other.',
    formula: 'x.channel',
  },
  { name: 'currency', kind: 'category', description: 'ISO 4217 code of the original amount.', formula: 'x.currency' },
  {
    name: 'counterpartyCountry',
    kind: 'category',
    description: 'ISO 3166 alpha-2 of the counterparty.',
    formula: 'x.counterparty.country',
  },
];

/** Names of the model's inputs, in input order: every number and flag feature. */
export const MODEL_FEATURES: readonly string[] = FEATURES.filter((f) => f.kind !== 'category').map((f) => f.name);

export type FeatureVector = Record<string, number | string>;
