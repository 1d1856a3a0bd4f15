import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_MATRIX, riskMatrixProblems } from './risk-matrix.definition.js';
import { assessRisk, type RiskInputs } from './risk.scorer.js';

const plain: RiskInputs = {
  countries: ['DE'],
  product: 'savings_account',
  channel: 'branch',
  pep: false,
  bestScreeningScore: 0,
  occupation: 'teacher',
  industry: null,
  adverseMedia: false,
};

describe('assessRisk with the default matrix', () => {
  it('rates a plain customer low and explains every factor', () => {
    const result = assessRisk(DEFAULT_RISK_MATRIX, plain);
    expect(result.rating).toBe('low');
    expect(result.score).toBe(0);
    expect(result.factors.map((f) => f.factor)).toEqual([
      'country',
      'product',
      'channel',
      'pep',
      'sanctions_proximity',
      'occupation',
      'adverse_media',
    ]);
    expect(result.factors.every((f) => f.reason.length > 0)).toBe(true);
  });

  it('rates a PEP medium (40 points ≥ 30) and says why', () => {
    const result = assessRisk(DEFAULT_RISK_MATRIX, { ...plain, pep: true });
    expect(result.rating).toBe('medium');
    expect(result.score).toBe(40);
    expect(result.factors.find((f) => f.factor === 'pep')).toMatchObject({ points: 40 });
  });

  it('rates a customer linked to a high-risk country high and names the country', () => {
    const result = assessRisk(DEFAULT_RISK_MATRIX, { ...plain, countries: ['DE', 'IR'] });
    expect(result.rating).toBe('high');
    expect(result.highRiskCountries).toEqual(['IR']);
    expect(result.factors[0]).toMatchObject({ factor: 'country', points: 60 });
    expect(result.factors[0]?.reason).toContain('IR');
  });

  it('adds up online channel, crypto occupation, adverse media and a close screening hit', () => {
    const result = assessRisk(DEFAULT_RISK_MATRIX, {
      ...plain,
      channel: 'online',
      occupation: 'Crypto trader',
      adverseMedia: true,
      bestScreeningScore: 0.9,
    });
    const points = Object.fromEntries(result.factors.map((f) => [f.factor, f.points]));
    expect(points).toMatchObject({ channel: 10, occupation: 25, adverse_media: 30, sanctions_proximity: 30 });
    expect(result.score).toBe(95);
    expect(result.rating).toBe('high');
  });

  it('uses the default points for an unknown product or channel', () => {
    const result = assessRisk(DEFAULT_RISK_MATRIX, { ...plain, product: 'unknown', channel: null });
    expect(result.factors.find((f) => f.factor === 'product')?.points).toBe(5);
    expect(result.factors.find((f) => f.factor === 'channel')?.points).toBe(5);
  });

  it('follows the thresholds of another matrix', () => {
    const strict = { ...DEFAULT_RISK_MATRIX, thresholds: { medium: 5, high: 40 } };
    expect(assessRisk(strict, { ...plain, product: 'current_account' }).rating).toBe('medium');
    expect(assessRisk(strict, { ...plain, pep: true }).rating).toBe('high');
  });
});

describe('riskMatrixProblems', () => {
  it('accepts the default matrix', () => {
    expect(riskMatrixProblems(DEFAULT_RISK_MATRIX)).toEqual([]);
  });

  it('lists each problem with its path', () => {
    const problems = riskMatrixProblems({
      ...DEFAULT_RISK_MATRIX,
      thresholds: { medium: 50, high: 10 },
      country: { ...DEFAULT_RISK_MATRIX.country, highRisk: ['iran'] },
    });
    expect(problems.some((p) => p.startsWith('country.highRisk.0'))).toBe(true);
    expect(problems.some((p) => p.startsWith('thresholds'))).toBe(true);
  });

  it('refuses unknown keys and negative points', () => {
    expect(riskMatrixProblems({ ...DEFAULT_RISK_MATRIX, extra: 1 })).not.toEqual([]);
    expect(riskMatrixProblems({ ...DEFAULT_RISK_MATRIX, pep: { points: -1 } })).not.toEqual([]);
  });
});
