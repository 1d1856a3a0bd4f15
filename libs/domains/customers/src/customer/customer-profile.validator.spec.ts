import { describe, expect, it } from 'vitest';
import { profileProblems } from './customer-profile.validator.js';

describe('profileProblems', () => {
  it('accepts real countries, a valid LEI and a past date', () => {
    expect(
      profileProblems({
        dateOfBirth: '1980-02-29',
        nationalities: ['DE', 'FR'],
        country: 'GB',
        addresses: [{ country: 'GB' }],
        identifiers: [{ type: 'lei', value: '5493001KJTIIGC8Y1R12', country: 'US' }],
      }),
    ).toEqual([]);
  });

  it('names each bad field: unassigned country code, LEI checksum, impossible or future date', () => {
    const problems = profileProblems({
      dateOfBirth: '1981-02-29',
      nationalities: ['XX'],
      country: 'ZZ',
      identifiers: [{ type: 'lei', value: '5493001KJTIIGC8Y1R13' }],
      relatedParties: [{ dateOfBirth: '2999-01-01', nationalities: ['QQ'] }],
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'dateOfBirth',
      'nationalities.0',
      'country',
      'identifiers.0.value',
      'relatedParties.0.dateOfBirth',
      'relatedParties.0.nationalities.0',
    ]);
  });
});
