import { isCountryCode } from '../country/country.codes.js';
import { isValidLei } from './lei.checksum.js';

/** The parts of a profile that need checks beyond the DTO's shape. */
export interface ProfileFields {
  readonly dateOfBirth?: string | null;
  readonly nationalities?: readonly string[];
  readonly country?: string | null;
  readonly addresses?: readonly { readonly country: string }[];
  readonly identifiers?: readonly { readonly type: string; readonly value: string; readonly country?: string }[];
  readonly relatedParties?: readonly {
    readonly dateOfBirth?: string | null;
    readonly nationalities?: readonly string[];
    readonly country?: string | null;
  }[];
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getTime() <= Date.now();
}

/**
 * Every problem of a profile as `field: message` (ISO 3166 country codes from i18n-iso-countries, LEI checksums,
 * real past dates); empty when it is fine.
 */
export function profileProblems(profile: ProfileFields): string[] {
  const problems: string[] = [];
  const country = (field: string, code: string | null | undefined): void => {
    if (code !== undefined && code !== null && !isCountryCode(code)) {
      problems.push(`${field}: ${code} is not an ISO 3166-1 alpha-2 country code`);
    }
  };
  const date = (field: string, value: string | null | undefined): void => {
    if (value !== undefined && value !== null && !isCalendarDate(value)) {
      problems.push(`${field}: ${value} is not a real date in the past`);
    }
  };
  date('dateOfBirth', profile.dateOfBirth);
  profile.nationalities?.forEach((c, i) => country(`nationalities.${i}`, c));
  country('country', profile.country);
  profile.addresses?.forEach((a, i) => country(`addresses.${i}.country`, a.country));
  profile.identifiers?.forEach((identifier, i) => {
    country(`identifiers.${i}.country`, identifier.country);
    if (identifier.type === 'lei' && !isValidLei(identifier.value)) {
      problems.push(`identifiers.${i}.value: ${identifier.value} is not a valid LEI (ISO 17442 checksum)`);
    }
  });
  profile.relatedParties?.forEach((party, i) => {
    date(`relatedParties.${i}.dateOfBirth`, party.dateOfBirth);
    party.nationalities?.forEach((c, j) => country(`relatedParties.${i}.nationalities.${j}`, c));
    country(`relatedParties.${i}.country`, party.country);
  });
  return problems;
}
