import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_MATRIX } from '../risk/risk-matrix.definition.js';
import { assessRisk } from '../risk/risk.scorer.js';
import { eddReasonsOf, linkedCountries } from './customer-assessment.service.js';
import type { CustomerEntity } from './customer.entity.js';
import type { RelatedPartyEntity } from './related-party.entity.js';

const customer = {
  country: 'DE',
  nationalities: ['FR'],
  addresses: [{ line1: 'x', country: 'AT' }],
  isPep: false,
} as unknown as CustomerEntity;

const party = (overrides: Partial<RelatedPartyEntity>): RelatedPartyEntity =>
  ({
    fullName: 'Owner',
    role: 'beneficial_owner',
    country: null,
    nationalities: [],
    isPep: false,
    ...overrides,
  }) as RelatedPartyEntity;

const inputs = {
  product: null,
  channel: null,
  bestScreeningScore: 0,
  occupation: null,
  industry: null,
  adverseMedia: false,
};

describe('linkedCountries', () => {
  it('collects residence, nationalities, addresses and related parties, without repeats', () => {
    expect(linkedCountries(customer, [party({ country: 'IR', nationalities: ['DE'] })])).toEqual([
      'AT',
      'DE',
      'FR',
      'IR',
    ]);
  });
});

describe('eddReasonsOf', () => {
  it('is empty for a plain low-risk customer (customer due diligence is enough)', () => {
    const assessment = assessRisk(DEFAULT_RISK_MATRIX, { ...inputs, countries: ['DE'], pep: false });
    expect(eddReasonsOf(customer, [], assessment)).toEqual([]);
  });

  it('names a PEP related party and a high-risk country it brings in', () => {
    const parties = [party({ fullName: 'Kim Director', role: 'director', isPep: true, nationalities: ['KP'] })];
    const assessment = assessRisk(DEFAULT_RISK_MATRIX, {
      ...inputs,
      countries: linkedCountries(customer, parties),
      pep: true,
    });
    const reasons = eddReasonsOf(customer, parties, assessment);
    expect(reasons).toContain('related party Kim Director (director) is a politically exposed person');
    expect(reasons).toContain('linked to high-risk KP');
    expect(reasons).toContain('risk rating high');
  });

  it('does not require EDD for an increased-monitoring country alone', () => {
    const assessment = assessRisk(DEFAULT_RISK_MATRIX, { ...inputs, countries: ['VN'], pep: false });
    // 25 points for the country, 5 + 5 for no product and no channel.
    expect(assessment.rating).toBe('medium');
    expect(eddReasonsOf(customer, [], assessment)).toEqual([]);
  });
});
