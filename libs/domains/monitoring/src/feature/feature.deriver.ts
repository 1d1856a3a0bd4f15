import { MODEL_FEATURES, type FeatureVector } from './feature.schema.js';

/**
 * Turns one transaction plus the aggregates of its customer's and account's history into the feature vector
 * (feature.schema.ts documents every formula). Pure: the real-time pipeline computes the aggregates in SQL, the
 * trainer computes them in memory (synthetic/feature-aggregates.calculator.ts), and both call this function, so
 * training and production see the same features.
 */

export interface WindowAggregate {
  count: number;
  sum: number;
}

export type FeatureWindow = '1h' | '24h' | '7d' | '30d';

/** Window lengths in milliseconds; a window is `x.bookedAt − length < t.bookedAt ≤ x.bookedAt`. */
export const FEATURE_WINDOWS_MS: Readonly<Record<FeatureWindow, number>> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** Everything counts transactions BEFORE and INCLUDING x (in the window) unless the name says "prior". */
export interface FeatureAggregates {
  customer: Record<FeatureWindow, WindowAggregate>;
  account: Record<FeatureWindow, WindowAggregate>;
  /** The customer's transactions in the 30 days before x, x excluded (amounts in base currency). */
  prior30d: { count: number; sum: number; sumSquares: number };
  /** The customer's earlier transactions with the same counterpartyKey, any time. */
  priorCounterpartyCount: number;
  /** The customer's near-threshold transactions in 7 days, x included. */
  nearThresholdCount7d: number;
  /** The customer's inbound amounts in the 24 hours before x, x excluded. */
  inboundSum24h: number;
  /** Distinct counterparties (by counterpartyKey) paying in / paid out, customer 24 h window, x included. */
  fanIn24h: number;
  fanOut24h: number;
}

export type KycRiskRating = 'unrated' | 'low' | 'medium' | 'high';

export interface FeatureInput {
  /** Amount in the tenant's base currency, major units. */
  amountBase: number;
  /** Amount in the original currency, major units (for roundAmount). */
  amountMajor: number;
  direction: 'in' | 'out';
  channel: string;
  currency: string;
  counterpartyCountry: string | null;
  bookedAt: Date;
  accountOpenedAt: Date;
  kycRiskRating: KycRiskRating;
  isPep: boolean;
  /** Best screening score of the counterparty's name in [0, 1]; 0 when no candidate. */
  counterpartyScreeningScore: number;
  aggregates: FeatureAggregates;
}

export interface FeatureConfig {
  /** ISO 3166 alpha-2 codes scored 2 by counterpartyCountryRisk. */
  highRiskCountries: string[];
  /** ISO 3166 alpha-2 codes scored 1 by counterpartyCountryRisk. */
  increasedMonitoringCountries: string[];
  /** Reporting threshold T in base currency (structuring features). */
  reportingThreshold: number;
  /** Fraction below T that counts as "near": T × (1 − band) ≤ amount < T. */
  nearThresholdBand: number;
}

/**
 * Defaults: the FATF lists as of its October 2025 public statement ("High-Risk Jurisdictions subject to a Call
 * for Action" and "Jurisdictions under Increased Monitoring"). Tenants should keep these current in configuration.
 */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({
  highRiskCountries: ['KP', 'IR', 'MM'],
  increasedMonitoringCountries: [
    'DZ', // Algeria
    'AO', // Angola
    'BO', // Bolivia
    'BG', // Bulgaria
    'CM', // Cameroon
    'CI', // Côte d'Ivoire
    'CD', // Democratic Republic of the Congo
    'HT', // Haiti
    'KE', // Kenya
    'LA', // Lao PDR
    'LB', // Lebanon
    'MC', // Monaco
    'NA', // Namibia
    'NP', // Nepal
    'SS', // South Sudan
    'SY', // Syria
    'VE', // Venezuela
    'VN', // Vietnam
    'VG', // British Virgin Islands
    'YE', // Yemen
  ],
  reportingThreshold: 10_000,
  nearThresholdBand: 0.1,
});

const KYC_RATING_VALUE: Readonly<Record<KycRiskRating, number>> = { unrated: 0, low: 1, medium: 2, high: 3 };
const DAY_MS = 86_400_000;

/** T × (1 − band) ≤ amount < T. */
export function isNearThreshold(amountBase: number, cfg: FeatureConfig): boolean {
  const t = cfg.reportingThreshold;
  return amountBase >= t * (1 - cfg.nearThresholdBand) && amountBase < t;
}

/** 2 high-risk list, 1 increased-monitoring list, else 0 (case-insensitive code). */
export function countryRisk(country: string | null, cfg: FeatureConfig): number {
  if (!country) return 0;
  const code = country.toUpperCase();
  if (cfg.highRiskCountries.includes(code)) return 2;
  if (cfg.increasedMonitoringCountries.includes(code)) return 1;
  return 0;
}

const flag = (b: boolean): number => (b ? 1 : 0);

/** Sets every name in FEATURES; category features are strings ('' for an unknown counterparty country). */
export function deriveFeatures(input: FeatureInput, cfg: FeatureConfig): FeatureVector {
  const a = input.aggregates;
  const amount = input.amountBase;
  const prior = a.prior30d;

  // Population mean and standard deviation of the prior 30 days (SQL: avg and stddev_pop over the same rows).
  let zScore = 0;
  let toMean = 1;
  if (prior.count > 0) {
    const mean = prior.sum / prior.count;
    toMean = amount / Math.max(mean, 1);
    if (prior.count >= 2) {
      const variance = Math.max(prior.sumSquares / prior.count - mean * mean, 0);
      zScore = (amount - mean) / Math.max(Math.sqrt(variance), 1);
    }
  }

  const features: FeatureVector = {
    amount,
    logAmount: Math.log1p(Math.max(amount, 0)),
  };
  for (const scope of ['customer', 'account'] as const) {
    for (const w of ['1h', '24h', '7d', '30d'] as const) {
      features[`${scope}Count${w}`] = a[scope][w].count;
      features[`${scope}Sum${w}`] = a[scope][w].sum;
    }
  }
  Object.assign(features, {
    amountZScore30d: zScore,
    amountToMean30d: toMean,
    firstCounterparty: flag(a.priorCounterpartyCount === 0),
    counterpartyCountryRisk: countryRisk(input.counterpartyCountry, cfg),
    nearThreshold: flag(isNearThreshold(amount, cfg)),
    nearThresholdCount7d: a.nearThresholdCount7d,
    roundAmount: flag(input.amountMajor >= 1000 && input.amountMajor % 1000 === 0),
    outAfterInRatio24h: input.direction === 'out' && a.inboundSum24h > 0 ? Math.min(amount / a.inboundSum24h, 1) : 0,
    fanIn24h: a.fanIn24h,
    fanOut24h: a.fanOut24h,
    accountAgeDays: Math.max(0, (input.bookedAt.getTime() - input.accountOpenedAt.getTime()) / DAY_MS),
    kycRiskRating: KYC_RATING_VALUE[input.kycRiskRating],
    customerIsPep: flag(input.isPep),
    counterpartyScreeningScore: input.counterpartyScreeningScore,
    directionOut: flag(input.direction === 'out'),
    direction: input.direction,
    channel: input.channel,
    currency: input.currency,
    counterpartyCountry: input.counterpartyCountry ? input.counterpartyCountry.toUpperCase() : '',
  } satisfies FeatureVector);
  return features;
}

/** The model's input row: MODEL_FEATURES in order, as float32. Throws when a model feature is missing or not a number. */
export function modelInput(features: FeatureVector): Float32Array {
  const row = new Float32Array(MODEL_FEATURES.length);
  MODEL_FEATURES.forEach((name, i) => {
    const value = features[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`feature ${name} is not a finite number: ${String(value)}`);
    }
    row[i] = value;
  });
  return row;
}

/** All-zero aggregates: a starting point for builders and tests (note the windows normally include x itself). */
export function emptyAggregates(): FeatureAggregates {
  const windows = (): Record<FeatureWindow, WindowAggregate> => ({
    '1h': { count: 0, sum: 0 },
    '24h': { count: 0, sum: 0 },
    '7d': { count: 0, sum: 0 },
    '30d': { count: 0, sum: 0 },
  });
  return {
    customer: windows(),
    account: windows(),
    prior30d: { count: 0, sum: 0, sumSquares: 0 },
    priorCounterpartyCount: 0,
    nearThresholdCount7d: 0,
    inboundSum24h: 0,
    fanIn24h: 0,
    fanOut24h: 0,
  };
}
