import { ValidateBy, type ValidationOptions } from 'class-validator';
import currencyCodes from 'currency-codes';
import countries from 'i18n-iso-countries';
import { isValidBIC, isValidIBAN } from 'ibantools';

/** Units of account whose ISO 4217 minor unit is "N.A." (currency-codes lists them with 0 digits). */
const NO_MINOR_UNIT = new Set(['XDR', 'XSU', 'XUA']);

/**
 * ISO 4217 codes a payment can be in: the maintained list of `currency-codes`, without the codes for bond units,
 * precious metals, testing and "no currency" (their entries carry the list's `Zz…` pseudo-countries) and the units of
 * account without a minor unit: none has a minor unit a payment amount could be counted in.
 */
export function isPaymentCurrency(code: unknown): code is string {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code) || NO_MINOR_UNIT.has(code)) return false;
  const entry = currencyCodes.code(code);
  return entry !== undefined && entry.countries.some((country) => !country.startsWith('Zz'));
}

/** Decimal places of a currency's minor unit (2 for USD, 0 for JPY, 3 for BHD). */
export function minorUnitDigits(code: string): number {
  return currencyCodes.code(code)?.digits ?? 2;
}

export function IsPaymentCurrency(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPaymentCurrency',
      validator: {
        validate: (value) => isPaymentCurrency(value),
        defaultMessage: () => '$property must be an ISO 4217 currency code of a currency (e.g. USD, EUR, JPY)',
      },
    },
    options,
  );
}

export function IsIbanCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIbanCode',
      validator: {
        validate: (value) => typeof value === 'string' && isValidIBAN(value),
        defaultMessage: () => '$property must be a valid IBAN (country, check digits and national format)',
      },
    },
    options,
  );
}

export function IsBicCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBicCode',
      validator: {
        validate: (value) => typeof value === 'string' && isValidBIC(value),
        defaultMessage: () => '$property must be a valid BIC (ISO 9362, 8 or 11 characters)',
      },
    },
    options,
  );
}

export function IsCountryAlpha2(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountryAlpha2',
      validator: {
        validate: (value) => typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value),
        defaultMessage: () => '$property must be an ISO 3166-1 alpha-2 country code in upper case (e.g. DE)',
      },
    },
    options,
  );
}

/** ISO 8601 date and time with seconds optional, fractions optional, and a mandatory offset (Z or ±hh:mm). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function IsTimestampWithOffset(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestampWithOffset',
      validator: {
        validate: (value) =>
          typeof value === 'string' && ISO_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value)),
        defaultMessage: () => '$property must be an ISO 8601 date-time with an offset, e.g. 2026-11-21T10:00:00Z',
      },
    },
    options,
  );
}

export const MAX_METADATA_BYTES = 4096;

export function IsSmallJsonObject(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSmallJsonObject',
      validator: {
        validate: (value) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Buffer.byteLength(JSON.stringify(value), 'utf8') <= maxBytes,
        defaultMessage: () => `$property must be a JSON object of at most ${maxBytes} bytes`,
      },
    },
    options,
  );
}
