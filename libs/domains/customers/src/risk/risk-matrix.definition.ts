import { z } from 'zod';

const points = z.number().int().min(0).max(1000);
const countryList = z.array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code')).max(300);
const keyedPoints = z.record(z.string().min(1).max(100), points);

/**
 * A risk scoring matrix: each factor gives points, their sum is the score, and the thresholds turn the score into a
 * rating. It also carries the high-risk country lists (which make enhanced due diligence mandatory) and the review
 * intervals per rating, so all risk appetite is versioned and four-eyes approved in one place.
 */
export const riskMatrixDefinitionSchema = z
  .object({
    /** Score ≥ medium → medium; score ≥ high → high; else low. */
    thresholds: z.object({ medium: points, high: points }).strict(),
    country: z
      .object({
        /** FATF "call for action" (black list): EDD is mandatory for customers linked to these. */
        highRisk: countryList,
        highRiskPoints: points,
        /** FATF "increased monitoring" (grey list): points only. */
        increasedMonitoring: countryList,
        increasedMonitoringPoints: points,
      })
      .strict(),
    /** Points per product code (e.g. `current_account`), `defaultPoints` for any other or none. */
    product: z.object({ points: keyedPoints, defaultPoints: points }).strict(),
    /** Points per onboarding channel (`branch`, `online`, `intermediary`…). */
    channel: z.object({ points: keyedPoints, defaultPoints: points }).strict(),
    /** Points when the customer or one of its related parties is a politically exposed person. */
    pep: z.object({ points }).strict(),
    /** Points by the best screening score (0..1): the first band whose `minScore` the score reaches applies. */
    sanctionsProximity: z
      .object({ bands: z.array(z.object({ minScore: z.number().min(0).max(1), points }).strict()).max(10) })
      .strict(),
    /** Points when the occupation or industry contains a keyword (case-insensitive); the highest applies. */
    occupation: z.object({ keywords: keyedPoints, defaultPoints: points }).strict(),
    adverseMedia: z.object({ points }).strict(),
    /** Months until the next periodic review, per rating. */
    reviewMonths: z
      .object({
        low: z.number().int().min(1).max(120),
        medium: z.number().int().min(1).max(120),
        high: z.number().int().min(1).max(120),
      })
      .strict(),
  })
  .strict()
  .refine((m) => m.thresholds.medium < m.thresholds.high, {
    message: 'thresholds.medium must be below thresholds.high',
    path: ['thresholds'],
  });

export type RiskMatrixDefinition = z.infer<typeof riskMatrixDefinitionSchema>;

/** Problems of a candidate definition (`path: message`), empty when valid. */
export function riskMatrixProblems(candidate: unknown): string[] {
  const parsed = riskMatrixDefinitionSchema.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/**
 * The matrix every tenant starts with (version 1). Countries: FATF's call for action (KP, IR, MM, as of 2025) and a
 * 2025 snapshot of its increased-monitoring list; FATF revises both three times a year, so compliance drafts a new
 * version when they change.
 */
export const DEFAULT_RISK_MATRIX: RiskMatrixDefinition = {
  thresholds: { medium: 30, high: 60 },
  country: {
    highRisk: ['KP', 'IR', 'MM'],
    highRiskPoints: 60,
    increasedMonitoring: [
      'DZ',
      'AO',
      'BO',
      'BG',
      'CM',
      'CI',
      'CD',
      'HT',
      'KE',
      'LA',
      'LB',
      'MC',
      'MZ',
      'NA',
      'NP',
      'NG',
      'ZA',
      'SS',
      'SY',
      'VE',
      'VN',
      'VG',
      'YE',
    ],
    increasedMonitoringPoints: 25,
  },
  product: {
    points: { savings_account: 0, current_account: 5, payment_account: 10, e_money_wallet: 15, crypto_custody: 30 },
    defaultPoints: 5,
  },
  channel: { points: { branch: 0, online: 10, intermediary: 15 }, defaultPoints: 5 },
  pep: { points: 40 },
  sanctionsProximity: {
    bands: [
      { minScore: 0.95, points: 60 },
      { minScore: 0.85, points: 30 },
      { minScore: 0.7, points: 10 },
    ],
  },
  occupation: {
    keywords: {
      casino: 25,
      gambling: 25,
      'money service': 25,
      crypto: 25,
      arms: 30,
      defence: 20,
      'precious metal': 20,
      jewel: 15,
      'real estate': 15,
      'art dealer': 15,
    },
    defaultPoints: 0,
  },
  adverseMedia: { points: 30 },
  reviewMonths: { low: 36, medium: 24, high: 12 },
};
