import type {
  RuleAction,
  RuleComparison,
  RuleCondition,
  RuleDefinition,
  RuleSetDocument,
  RuleTopLevelCondition,
} from './rule-set.document.js';

/**
 * The default anti-money-laundering rule set: 50 rules over the feature schema, each aimed at a typology the
 * synthetic generator plants or a classic red flag (structuring, fan-in/out, rapid movement, mule accounts,
 * high-risk jurisdictions, PEPs, screening hits, amounts far from the customer's habits, new accounts, round
 * amounts, velocity). Amounts are base-currency major units; 10,000 is the default reporting threshold.
 *
 * Weights feed the combined score (1 − (1 − model) × Π(1 − weight)); with thresholds review 0.5 and block 0.9 a
 * single weak signal (≤ 0.35) does not alert by itself, two of them do. `action` forces a decision regardless of the
 * score, for signals an analyst must see (review) or a payment that must stop (block). Priorities order the reasons:
 * 3 for block rules, 2 for review rules, 1 for the rest.
 */
export function defaultAmlRuleSet(): RuleSetDocument {
  return { rules: DEFAULT_RULES.map((rule) => structuredClone(rule)), thresholds: { review: 0.5, block: 0.9 } };
}

const gte = (fact: string, value: number): RuleComparison => ({ fact, operator: 'greaterThanInclusive', value });
const gt = (fact: string, value: number): RuleComparison => ({ fact, operator: 'greaterThan', value });
const lt = (fact: string, value: number): RuleComparison => ({ fact, operator: 'lessThan', value });
const lte = (fact: string, value: number): RuleComparison => ({ fact, operator: 'lessThanInclusive', value });
const eq = (fact: string, value: number | string): RuleComparison => ({ fact, operator: 'equal', value });
const oneOf = (fact: string, value: (number | string)[]): RuleComparison => ({ fact, operator: 'in', value });
const notOneOf = (fact: string, value: (number | string)[]): RuleComparison => ({ fact, operator: 'notIn', value });
const all = (...conditions: RuleCondition[]): RuleTopLevelCondition => ({ all: conditions });
const any = (...conditions: RuleCondition[]): RuleTopLevelCondition => ({ any: conditions });
const not = (condition: RuleCondition): RuleTopLevelCondition => ({ not: condition });

const rule = (
  name: string,
  type: string,
  conditions: RuleTopLevelCondition,
  message: string,
  outcome: { weight: number; action?: RuleAction },
): RuleDefinition => ({
  name,
  priority: outcome.action === 'block' ? 3 : outcome.action === 'review' ? 2 : 1,
  conditions,
  event: { type, params: { message, ...outcome } },
});

const DEFAULT_RULES: RuleDefinition[] = [
  // Structuring: amounts kept just below the reporting threshold, often split and repeated.
  rule(
    'structuring-repeated-near-threshold',
    'structuring',
    all(eq('nearThreshold', 1), gte('nearThresholdCount7d', 3)),
    'Third or later payment just below the reporting threshold within seven days',
    { weight: 0.5, action: 'review' },
  ),
  rule(
    'structuring-sustained-7d',
    'structuring',
    all(gte('nearThresholdCount7d', 5)),
    'Five or more payments just below the reporting threshold within seven days',
    { weight: 0.6, action: 'review' },
  ),
  rule(
    'structuring-near-threshold-burst-24h',
    'structuring',
    all(eq('nearThreshold', 1), gte('customerCount24h', 3), gte('customerSum24h', 20_000)),
    'Payment just below the reporting threshold among several that together exceed it within a day',
    { weight: 0.4 },
  ),
  rule(
    'structuring-cash-near-threshold',
    'structuring',
    all(eq('channel', 'cash'), eq('nearThreshold', 1)),
    'Cash amount just below the reporting threshold',
    { weight: 0.35 },
  ),
  rule(
    'structuring-split-within-hour',
    'structuring',
    all(gte('customerCount1h', 4), gte('customerSum1h', 9_000), lt('amount', 10_000)),
    'Four or more payments within an hour adding up to about the reporting threshold',
    { weight: 0.3 },
  ),

  // Amounts out of line with the customer's own history.
  rule(
    'amount-far-above-mean',
    'unusual_amount',
    all(gte('amountToMean30d', 10), gte('amount', 5_000)),
    "Amount at least ten times the customer's 30-day average",
    { weight: 0.35 },
  ),
  rule(
    'amount-extremely-above-mean',
    'unusual_amount',
    all(gte('amountToMean30d', 50), gte('amount', 10_000)),
    "Amount at least fifty times the customer's 30-day average",
    { weight: 0.6, action: 'review' },
  ),
  rule(
    'amount-zscore-high',
    'unusual_amount',
    all(gte('amountZScore30d', 4), gte('amount', 2_000)),
    "Amount four standard deviations above the customer's 30-day mean",
    { weight: 0.25 },
  ),
  rule(
    'amount-zscore-extreme',
    'unusual_amount',
    all(gte('amountZScore30d', 8), gte('amount', 10_000)),
    "Amount eight standard deviations above the customer's 30-day mean",
    { weight: 0.45 },
  ),
  rule('large-amount', 'large_amount', all(gte('amount', 100_000)), 'Amount of 100,000 or more', { weight: 0.2 }),
  rule('very-large-amount', 'large_amount', all(gte('amount', 1_000_000)), 'Amount of 1,000,000 or more', {
    weight: 0.4,
    action: 'review',
  }),

  // New accounts: mule accounts are opened, used hard for a few weeks, then abandoned.
  rule(
    'new-account-large-amount',
    'new_account',
    all(lt('accountAgeDays', 30), gte('amount', 10_000)),
    'Amount of 10,000 or more on an account opened less than 30 days ago',
    { weight: 0.4 },
  ),
  rule(
    'new-account-very-large-amount',
    'new_account',
    all(lt('accountAgeDays', 7), gte('amount', 50_000)),
    'Amount of 50,000 or more on an account opened less than a week ago',
    { weight: 0.6, action: 'review' },
  ),
  rule(
    'new-account-high-velocity',
    'new_account',
    all(lt('accountAgeDays', 30), gte('accountCount24h', 10)),
    'Ten or more payments in a day on an account opened less than 30 days ago',
    { weight: 0.3 },
  ),
  rule(
    'new-account-pass-through',
    'mule_account',
    all(lt('accountAgeDays', 30), eq('directionOut', 1), gte('outAfterInRatio24h', 0.9), gte('amount', 5_000)),
    'A new account passes on what it just received (mule pattern)',
    { weight: 0.45 },
  ),
  rule(
    'new-account-fan-in',
    'mule_account',
    all(lt('accountAgeDays', 30), gte('fanIn24h', 5)),
    'A new account collects from five or more payers in a day (mule pattern)',
    { weight: 0.45 },
  ),

  // Rapid movement: money leaves soon after it arrived.
  rule(
    'rapid-pass-through',
    'rapid_movement',
    all(eq('directionOut', 1), gte('outAfterInRatio24h', 0.9), gte('amount', 10_000)),
    'Moves on 90% or more of the last day’s inflow',
    { weight: 0.4 },
  ),
  rule(
    'rapid-movement-new-counterparty',
    'rapid_movement',
    all(gte('outAfterInRatio24h', 0.8), eq('firstCounterparty', 1), gte('amount', 5_000)),
    'Moves on most of the last day’s inflow to a counterparty never paid before',
    { weight: 0.35 },
  ),
  rule(
    'rapid-movement-crypto',
    'rapid_movement',
    all(eq('channel', 'crypto'), gte('outAfterInRatio24h', 0.5)),
    'Moves half or more of the last day’s inflow out through a crypto channel',
    { weight: 0.4 },
  ),
  rule(
    'rapid-movement-risky-country',
    'rapid_movement',
    all(gte('outAfterInRatio24h', 0.5), gte('counterpartyCountryRisk', 1)),
    'Moves half or more of the last day’s inflow to a high-risk or monitored jurisdiction',
    { weight: 0.5, action: 'review' },
  ),

  // Fan-in / fan-out: many distinct payers or payees in a day.
  rule('fan-in-many-payers', 'fan_in', all(gte('fanIn24h', 10)), 'Ten or more distinct payers in a day', {
    weight: 0.35,
  }),
  rule('fan-in-extreme', 'fan_in', all(gte('fanIn24h', 25)), 'Twenty-five or more distinct payers in a day', {
    weight: 0.6,
    action: 'review',
  }),
  rule('fan-out-many-payees', 'fan_out', all(gte('fanOut24h', 10)), 'Ten or more distinct payees in a day', {
    weight: 0.35,
  }),
  rule('fan-out-extreme', 'fan_out', all(gte('fanOut24h', 25)), 'Twenty-five or more distinct payees in a day', {
    weight: 0.6,
    action: 'review',
  }),
  rule(
    'fan-in-then-out',
    'fan_in',
    all(gte('fanIn24h', 5), eq('direction', 'out'), gte('outAfterInRatio24h', 0.7)),
    'Collects from several payers, then pays most of it on (collection account)',
    { weight: 0.45 },
  ),
  rule(
    'fan-out-new-counterparties',
    'fan_out',
    all(gte('fanOut24h', 5), eq('firstCounterparty', 1), eq('directionOut', 1)),
    'Fifth or later payee of the day, and a new one',
    { weight: 0.25 },
  ),

  // Jurisdictions.
  rule(
    'sanctioned-jurisdiction',
    'jurisdiction',
    all(oneOf('counterpartyCountry', ['KP', 'IR'])),
    'Counterparty in a comprehensively sanctioned jurisdiction',
    { weight: 0.9, action: 'block' },
  ),
  rule(
    'high-risk-country',
    'jurisdiction',
    all(gte('counterpartyCountryRisk', 2)),
    'Counterparty in a high-risk jurisdiction (call for action)',
    { weight: 0.5, action: 'review' },
  ),
  rule(
    'high-risk-country-large',
    'jurisdiction',
    all(gte('counterpartyCountryRisk', 2), gte('amount', 10_000)),
    'Amount of 10,000 or more with a high-risk jurisdiction',
    { weight: 0.5 },
  ),
  rule(
    'monitored-country-large',
    'jurisdiction',
    all(eq('counterpartyCountryRisk', 1), gte('amount', 10_000)),
    'Amount of 10,000 or more with a jurisdiction under increased monitoring',
    { weight: 0.25 },
  ),
  rule(
    'risky-country-new-counterparty',
    'jurisdiction',
    all(gte('counterpartyCountryRisk', 1), eq('firstCounterparty', 1)),
    'First payment with a counterparty in a high-risk or monitored jurisdiction',
    { weight: 0.2 },
  ),

  // Politically exposed persons.
  rule(
    'pep-large-amount',
    'pep',
    all(eq('customerIsPep', 1), gte('amount', 10_000)),
    'Politically exposed customer, amount of 10,000 or more',
    { weight: 0.35 },
  ),
  rule(
    'pep-risky-counterparty',
    'pep',
    all(eq('customerIsPep', 1), any(gte('counterpartyCountryRisk', 1), gte('counterpartyScreeningScore', 0.7))),
    'Politically exposed customer with a risky jurisdiction or a counterparty resembling a listed name',
    { weight: 0.5, action: 'review' },
  ),
  rule('pep-cash', 'pep', all(eq('customerIsPep', 1), eq('channel', 'cash')), 'Politically exposed customer, cash', {
    weight: 0.4,
  }),
  rule(
    'pep-new-counterparty',
    'pep',
    all(eq('customerIsPep', 1), eq('firstCounterparty', 1), gte('amount', 5_000)),
    'Politically exposed customer pays a new counterparty 5,000 or more',
    { weight: 0.3 },
  ),

  // Sanctions / PEP screening of the counterparty's name.
  rule(
    'screening-strong-hit',
    'screening',
    all(gte('counterpartyScreeningScore', 0.95)),
    'Counterparty matches a sanctions or watch-list entry',
    { weight: 0.9, action: 'block' },
  ),
  rule(
    'screening-possible-hit',
    'screening',
    all(gte('counterpartyScreeningScore', 0.85)),
    'Counterparty closely resembles a sanctions or watch-list entry',
    { weight: 0.5, action: 'review' },
  ),
  rule(
    'screening-weak-hit-large',
    'screening',
    all(gte('counterpartyScreeningScore', 0.7), gte('amount', 10_000)),
    'Counterparty resembles a listed name, amount of 10,000 or more',
    { weight: 0.3 },
  ),

  // The customer's KYC risk.
  rule(
    'high-risk-customer-large',
    'customer_risk',
    all(eq('kycRiskRating', 3), gte('amount', 10_000)),
    'High-risk customer, amount of 10,000 or more',
    { weight: 0.3 },
  ),
  rule(
    'unrated-customer-large',
    'customer_risk',
    all(eq('kycRiskRating', 0), gte('amount', 10_000)),
    'Customer without a KYC rating, amount of 10,000 or more',
    { weight: 0.35 },
  ),
  rule(
    'high-risk-customer-risky-country',
    'customer_risk',
    all(eq('kycRiskRating', 3), gte('counterpartyCountryRisk', 1)),
    'High-risk customer with a high-risk or monitored jurisdiction',
    { weight: 0.45 },
  ),

  // Round amounts.
  rule(
    'round-amount-large',
    'round_amount',
    all(eq('roundAmount', 1), gte('amount', 10_000)),
    'Round amount of 10,000 or more',
    { weight: 0.2 },
  ),
  rule(
    'round-amount-new-counterparty',
    'round_amount',
    all(eq('roundAmount', 1), eq('firstCounterparty', 1), gte('amount', 5_000)),
    'Round amount of 5,000 or more to a new counterparty',
    { weight: 0.2 },
  ),
  rule(
    'round-amount-risky-country',
    'round_amount',
    all(eq('roundAmount', 1), gte('counterpartyCountryRisk', 1)),
    'Round amount with a high-risk or monitored jurisdiction',
    { weight: 0.3 },
  ),

  // Velocity and dormancy.
  rule('customer-velocity-1h', 'velocity', all(gte('customerCount1h', 10)), 'Ten or more payments within an hour', {
    weight: 0.3,
  }),
  rule(
    'customer-velocity-24h-low-risk',
    'velocity',
    all(gte('customerCount24h', 40), lte('kycRiskRating', 1)),
    'Forty or more payments within a day from a customer rated low risk or not rated (profile mismatch)',
    { weight: 0.3 },
  ),
  rule(
    'dormant-account-burst',
    'velocity',
    // Every payment of the last 30 days fell in the last 24 hours on an established account: woken after dormancy.
    all(
      gte('accountAgeDays', 90),
      gte('accountCount24h', 5),
      { fact: 'accountCount30d', operator: 'lessThanInclusive', value: { fact: 'accountCount24h' } },
      gt('accountSum24h', 10_000),
    ),
    'Dormant account suddenly moves 10,000 or more in five or more payments',
    { weight: 0.4 },
  ),

  // Channels.
  rule(
    'crypto-large',
    'channel',
    all(eq('channel', 'crypto'), gte('amount', 10_000)),
    'Crypto channel, amount of 10,000 or more',
    { weight: 0.3 },
  ),
  rule(
    'cash-deposits-frequent',
    'channel',
    all(eq('channel', 'cash'), eq('direction', 'in'), gte('amount', 3_000), gte('customerCount7d', 5)),
    'Repeated sizeable cash deposits within a week',
    { weight: 0.3 },
  ),
  rule(
    'large-unusual-channel-currency',
    'channel',
    all(
      gte('amount', 25_000),
      notOneOf('channel', ['wire', 'sepa', 'ach', 'internal']),
      not(oneOf('currency', ['EUR', 'USD', 'GBP', 'CHF'])),
    ),
    'Amount of 25,000 or more outside bank transfers and in a less common currency',
    { weight: 0.25 },
  ),
];
