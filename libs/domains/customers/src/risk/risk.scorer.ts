import type { RiskMatrixDefinition } from './risk-matrix.definition.js';

export const RISK_RATINGS = ['low', 'medium', 'high'] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];

export const RISK_FACTORS = [
  'country',
  'product',
  'channel',
  'pep',
  'sanctions_proximity',
  'occupation',
  'adverse_media',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** What the matrix looks at. Countries are every country the customer is linked to (residence, nationalities, parties). */
export interface RiskInputs {
  readonly countries: readonly string[];
  readonly product: string | null;
  readonly channel: string | null;
  /** The customer or one of its related parties is a PEP. */
  readonly pep: boolean;
  /** Best screening score (0..1) of the customer and its related parties. */
  readonly bestScreeningScore: number;
  readonly occupation: string | null;
  readonly industry: string | null;
  readonly adverseMedia: boolean;
}

export interface RiskFactorScore {
  readonly factor: RiskFactor;
  readonly points: number;
  /** Why, in words an auditor reads. */
  readonly reason: string;
}

export interface RiskAssessment {
  readonly rating: RiskRating;
  readonly score: number;
  readonly factors: readonly RiskFactorScore[];
  /** Countries from the matrix's high-risk list the customer is linked to (enhanced due diligence is required). */
  readonly highRiskCountries: readonly string[];
}

function pointsOf(table: Readonly<Record<string, number>>, key: string | null, fallback: number): number {
  return key !== null && Object.hasOwn(table, key) ? (table[key] ?? fallback) : fallback;
}

function countryFactor(
  matrix: RiskMatrixDefinition,
  countries: readonly string[],
): RiskFactorScore & { high: string[] } {
  const linked = [...new Set(countries)].sort();
  const high = linked.filter((c) => matrix.country.highRisk.includes(c));
  if (high.length > 0) {
    return {
      factor: 'country',
      points: matrix.country.highRiskPoints,
      reason: `linked to high-risk ${high.join(', ')}`,
      high,
    };
  }
  const grey = linked.filter((c) => matrix.country.increasedMonitoring.includes(c));
  if (grey.length > 0) {
    return {
      factor: 'country',
      points: matrix.country.increasedMonitoringPoints,
      reason: `linked to ${grey.join(', ')} (increased monitoring)`,
      high,
    };
  }
  return {
    factor: 'country',
    points: 0,
    reason: linked.length > 0 ? `no listed country among ${linked.join(', ')}` : 'no country known',
    high,
  };
}

function occupationFactor(matrix: RiskMatrixDefinition, inputs: RiskInputs): RiskFactorScore {
  const text = [inputs.occupation, inputs.industry]
    .filter((s): s is string => !!s)
    .join(' ')
    .toLowerCase();
  let best: { keyword: string; points: number } | null = null;
  for (const [keyword, points] of Object.entries(matrix.occupation.keywords)) {
    if (text.includes(keyword.toLowerCase()) && (!best || points > best.points)) best = { keyword, points };
  }
  if (best)
    return { factor: 'occupation', points: best.points, reason: `occupation/industry mentions "${best.keyword}"` };
  return {
    factor: 'occupation',
    points: matrix.occupation.defaultPoints,
    reason: text ? 'occupation/industry not in the keyword list' : 'no occupation or industry given',
  };
}

/** Scores a customer with a matrix: every factor's points and reason, their sum, and the rating by the thresholds. */
export function assessRisk(matrix: RiskMatrixDefinition, inputs: RiskInputs): RiskAssessment {
  const country = countryFactor(matrix, inputs.countries);
  const product = pointsOf(matrix.product.points, inputs.product, matrix.product.defaultPoints);
  const channel = pointsOf(matrix.channel.points, inputs.channel, matrix.channel.defaultPoints);
  const band = [...matrix.sanctionsProximity.bands]
    .sort((a, b) => b.minScore - a.minScore)
    .find((b) => inputs.bestScreeningScore >= b.minScore);
  const factors: RiskFactorScore[] = [
    { factor: 'country', points: country.points, reason: country.reason },
    {
      factor: 'product',
      points: product,
      reason: inputs.product ? `product ${inputs.product}` : 'no product given (default)',
    },
    {
      factor: 'channel',
      points: channel,
      reason: inputs.channel ? `channel ${inputs.channel}` : 'no channel given (default)',
    },
    {
      factor: 'pep',
      points: inputs.pep ? matrix.pep.points : 0,
      reason: inputs.pep ? 'politically exposed person (customer or related party)' : 'not a PEP',
    },
    {
      factor: 'sanctions_proximity',
      points: band?.points ?? 0,
      reason: band
        ? `best screening score ${inputs.bestScreeningScore.toFixed(2)} ≥ ${band.minScore}`
        : `best screening score ${inputs.bestScreeningScore.toFixed(2)} below every band`,
    },
    occupationFactor(matrix, inputs),
    {
      factor: 'adverse_media',
      points: inputs.adverseMedia ? matrix.adverseMedia.points : 0,
      reason: inputs.adverseMedia ? 'adverse media reported' : 'no adverse media',
    },
  ];
  const score = factors.reduce((sum, f) => sum + f.points, 0);
  const rating: RiskRating =
    score >= matrix.thresholds.high ? 'high' : score >= matrix.thresholds.medium ? 'medium' : 'low';
  return { rating, score, factors, highRiskCountries: country.high };
}
