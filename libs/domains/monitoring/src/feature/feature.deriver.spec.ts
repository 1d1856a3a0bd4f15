import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CONFIG,
  countryRisk,
  deriveFeatures,
  emptyAggregates,
  isNearThreshold,
  modelInput,
  type FeatureAggregates,
  type FeatureInput,
} from './feature.deriver.js';
import { FEATURES, MODEL_FEATURES } from './feature.schema.js';

const cfg = DEFAULT_FEATURE_CONFIG;
const DAY = 86_400_000;

function input(overrides: Partial<FeatureInput> = {}, aggregates: Partial<FeatureAggregates> = {}): FeatureInput {
  return {
    amountBase: 500,
    amountMajor: 500,
    direction: 'out',
    channel: 'sepa',
    currency: 'EUR',
    counterpartyCountry: 'DE',
    bookedAt: new Date('2026-11-21T10:00:00Z'),
    accountOpenedAt: new Date('2026-01-01T00:00:00Z'),
    kycRiskRating: 'low',
    isPep: false,
    counterpartyScreeningScore: 0,
    ...overrides,
    aggregates: { ...emptyAggregates(), ...aggregates },
  };
}

describe('deriveFeatures', () => {
  it('sets every feature of the schema, numbers for model inputs and strings for categories', () => {
    const f = deriveFeatures(input(), cfg);
    for (const def of FEATURES) {
      expect(f, def.name).toHaveProperty(def.name);
      expect(typeof f[def.name], def.name).toBe(def.kind === 'category' ? 'string' : 'number');
    }
    expect(Object.keys(f).sort()).toEqual(FEATURES.map((d) => d.name).sort());
  });

  it('amount and logAmount', () => {
    const f = deriveFeatures(input({ amountBase: 1234.5 }), cfg);
    expect(f.amount).toBe(1234.5);
    expect(f.logAmount).toBeCloseTo(Math.log(1235.5), 12);
    expect(deriveFeatures(input({ amountBase: 0 }), cfg).logAmount).toBe(0);
  });

  it('copies the window counts and sums per customer and account', () => {
    const agg = emptyAggregates();
    agg.customer['1h'] = { count: 1, sum: 10 };
    agg.customer['24h'] = { count: 2, sum: 20 };
    agg.customer['7d'] = { count: 3, sum: 30 };
    agg.customer['30d'] = { count: 4, sum: 40 };
    agg.account['1h'] = { count: 5, sum: 50 };
    agg.account['24h'] = { count: 6, sum: 60 };
    agg.account['7d'] = { count: 7, sum: 70 };
    agg.account['30d'] = { count: 8, sum: 80 };
    const f = deriveFeatures(input({}, agg), cfg);
    expect([f.customerCount1h, f.customerSum1h, f.customerCount24h, f.customerSum24h]).toEqual([1, 10, 2, 20]);
    expect([f.customerCount7d, f.customerSum7d, f.customerCount30d, f.customerSum30d]).toEqual([3, 30, 4, 40]);
    expect([f.accountCount1h, f.accountSum1h, f.accountCount24h, f.accountSum24h]).toEqual([5, 50, 6, 60]);
    expect([f.accountCount7d, f.accountSum7d, f.accountCount30d, f.accountSum30d]).toEqual([7, 70, 8, 80]);
  });

  describe('amountZScore30d and amountToMean30d', () => {
    it('no history: z = 0 and ratio = 1', () => {
      const f = deriveFeatures(input({ amountBase: 5000 }), cfg);
      expect(f.amountZScore30d).toBe(0);
      expect(f.amountToMean30d).toBe(1);
    });

    it('one prior transaction: z = 0 (fewer than 2), ratio against that amount', () => {
      const f = deriveFeatures(
        input({ amountBase: 300 }, { prior30d: { count: 1, sum: 100, sumSquares: 10_000 } }),
        cfg,
      );
      expect(f.amountZScore30d).toBe(0);
      expect(f.amountToMean30d).toBe(3);
    });

    it('uses the population standard deviation of the prior amounts', () => {
      // prior 100, 300: mean 200, population σ = 100
      const prior30d = { count: 2, sum: 400, sumSquares: 100 ** 2 + 300 ** 2 };
      const f = deriveFeatures(input({ amountBase: 450 }, { prior30d }), cfg);
      expect(f.amountZScore30d).toBeCloseTo(2.5, 12);
      expect(f.amountToMean30d).toBeCloseTo(2.25, 12);
    });

    it('σ = 0 divides by 1 instead', () => {
      const prior30d = { count: 3, sum: 300, sumSquares: 3 * 100 ** 2 };
      const f = deriveFeatures(input({ amountBase: 150 }, { prior30d }), cfg);
      expect(f.amountZScore30d).toBe(50);
    });

    it('a mean below 1 divides by 1', () => {
      const prior30d = { count: 2, sum: 0.5, sumSquares: 0.125 };
      expect(deriveFeatures(input({ amountBase: 4 }, { prior30d }), cfg).amountToMean30d).toBe(4);
    });
  });

  it('firstCounterparty is 1 only without prior transactions with that counterparty', () => {
    expect(deriveFeatures(input({}, { priorCounterpartyCount: 0 }), cfg).firstCounterparty).toBe(1);
    expect(deriveFeatures(input({}, { priorCounterpartyCount: 3 }), cfg).firstCounterparty).toBe(0);
  });

  it('counterpartyCountryRisk: 2 high risk, 1 increased monitoring, 0 otherwise or unknown', () => {
    expect(deriveFeatures(input({ counterpartyCountry: 'IR' }), cfg).counterpartyCountryRisk).toBe(2);
    expect(deriveFeatures(input({ counterpartyCountry: 'kp' }), cfg).counterpartyCountryRisk).toBe(2);
    expect(deriveFeatures(input({ counterpartyCountry: 'MC' }), cfg).counterpartyCountryRisk).toBe(1);
    expect(deriveFeatures(input({ counterpartyCountry: 'DE' }), cfg).counterpartyCountryRisk).toBe(0);
    const unknown = deriveFeatures(input({ counterpartyCountry: null }), cfg);
    expect(unknown.counterpartyCountryRisk).toBe(0);
    expect(unknown.counterpartyCountry).toBe('');
    expect(countryRisk('XX', { ...cfg, highRiskCountries: ['XX'] })).toBe(2);
  });

  it('nearThreshold: T × (1 − band) ≤ amount < T', () => {
    expect(isNearThreshold(8_999.99, cfg)).toBe(false);
    expect(isNearThreshold(9_000, cfg)).toBe(true);
    expect(isNearThreshold(9_999.99, cfg)).toBe(true);
    expect(isNearThreshold(10_000, cfg)).toBe(false);
    expect(isNearThreshold(4_800, { ...cfg, reportingThreshold: 5_000, nearThresholdBand: 0.05 })).toBe(true);
    expect(deriveFeatures(input({ amountBase: 9_500 }, { nearThresholdCount7d: 4 }), cfg)).toMatchObject({
      nearThreshold: 1,
      nearThresholdCount7d: 4,
    });
  });

  it('roundAmount looks at the original amount: ≥ 1,000 and a multiple of 1,000', () => {
    expect(deriveFeatures(input({ amountMajor: 5000, amountBase: 4600.25 }), cfg).roundAmount).toBe(1);
    expect(deriveFeatures(input({ amountMajor: 5000.5 }), cfg).roundAmount).toBe(0);
    expect(deriveFeatures(input({ amountMajor: 500 }), cfg).roundAmount).toBe(0);
    expect(deriveFeatures(input({ amountMajor: 0 }), cfg).roundAmount).toBe(0);
  });

  it('outAfterInRatio24h: outgoing amount over the last 24 h of inflow, capped at 1', () => {
    expect(deriveFeatures(input({ amountBase: 250 }, { inboundSum24h: 1000 }), cfg).outAfterInRatio24h).toBe(0.25);
    expect(deriveFeatures(input({ amountBase: 5000 }, { inboundSum24h: 1000 }), cfg).outAfterInRatio24h).toBe(1);
    expect(deriveFeatures(input({ amountBase: 250 }, { inboundSum24h: 0 }), cfg).outAfterInRatio24h).toBe(0);
    const inbound = deriveFeatures(input({ direction: 'in', amountBase: 250 }, { inboundSum24h: 1000 }), cfg);
    expect(inbound.outAfterInRatio24h).toBe(0);
    expect(inbound.directionOut).toBe(0);
  });

  it('fan-in and fan-out are copied', () => {
    expect(deriveFeatures(input({}, { fanIn24h: 7, fanOut24h: 2 }), cfg)).toMatchObject({ fanIn24h: 7, fanOut24h: 2 });
  });

  it('accountAgeDays in days, 0 when the account opened after bookedAt', () => {
    const bookedAt = new Date('2026-11-21T12:00:00Z');
    expect(
      deriveFeatures(input({ bookedAt, accountOpenedAt: new Date(bookedAt.getTime() - 2.5 * DAY) }), cfg)
        .accountAgeDays,
    ).toBe(2.5);
    expect(
      deriveFeatures(input({ bookedAt, accountOpenedAt: new Date(bookedAt.getTime() + DAY) }), cfg).accountAgeDays,
    ).toBe(0);
  });

  it('kycRiskRating, PEP, screening score, direction and categories', () => {
    const ratings = (['unrated', 'low', 'medium', 'high'] as const).map(
      (kycRiskRating) => deriveFeatures(input({ kycRiskRating }), cfg).kycRiskRating,
    );
    expect(ratings).toEqual([0, 1, 2, 3]);
    const f = deriveFeatures(
      input({
        isPep: true,
        counterpartyScreeningScore: 0.87,
        channel: 'wire',
        currency: 'USD',
        counterpartyCountry: 'us',
      }),
      cfg,
    );
    expect(f).toMatchObject({
      customerIsPep: 1,
      counterpartyScreeningScore: 0.87,
      directionOut: 1,
      direction: 'out',
      channel: 'wire',
      currency: 'USD',
      counterpartyCountry: 'US',
    });
    expect(deriveFeatures(input(), cfg).customerIsPep).toBe(0);
  });
});

describe('modelInput', () => {
  it('orders the number and flag features as MODEL_FEATURES, as float32', () => {
    const f = deriveFeatures(input({ amountBase: 9_500, counterpartyCountry: 'IR' }, { fanIn24h: 3 }), cfg);
    const row = modelInput(f);
    expect(row).toBeInstanceOf(Float32Array);
    expect(row.length).toBe(MODEL_FEATURES.length);
    expect(MODEL_FEATURES).not.toContain('channel');
    MODEL_FEATURES.forEach((name, i) => expect(row[i], name).toBeCloseTo(f[name] as number, 3));
  });

  it('rejects a vector with a missing or non-numeric model feature', () => {
    const f = deriveFeatures(input(), cfg);
    expect(() => modelInput({ ...f, amount: 'a lot' })).toThrow(/amount/);
    const { fanIn24h: _dropped, ...rest } = f;
    expect(() => modelInput(rest)).toThrow(/fanIn24h/);
  });
});
