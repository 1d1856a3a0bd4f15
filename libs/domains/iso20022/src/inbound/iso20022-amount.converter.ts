import { isPaymentCurrency, minorUnitDigits } from '@domains/monitoring';

/** An ISO 20022 decimal amount (ActiveCurrencyAndAmount / ActiveOrHistoricCurrencyAndAmount: up to 18 digits, 5 decimals). */
const DECIMAL = /^(\d{1,18})(?:\.(\d{1,18}))?$/;

export type AmountConversion =
  | { readonly ok: true; readonly minor: number; readonly digits: number }
  | { readonly ok: false; readonly problem: string };

/**
 * Converts a decimal amount string of a message into minor units of its currency exactly, by string arithmetic
 * (never floats): `"1234.5"` EUR → 123450; `"100"` JPY → 100. Refuses an amount with more decimals than the
 * currency's exponent unless the extra digits are zeros (`"10.120"` EUR is 1012, `"10.125"` EUR is refused), a
 * non-payment currency, zero, and amounts above 2^53 − 1 minor units (what the decision engine counts exactly).
 */
export function toMinorUnits(amount: string, currency: string): AmountConversion {
  // isPaymentCurrency is a type guard on unknown input: `currency` is already a string here.
  const code: unknown = currency;
  if (!isPaymentCurrency(code)) {
    return { ok: false, problem: `${currency} is not an ISO 4217 payment currency` };
  }
  const match = DECIMAL.exec(amount.trim());
  if (!match) return { ok: false, problem: `"${amount}" is not a decimal amount` };
  const digits = minorUnitDigits(currency);
  const whole = match[1];
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    return {
      ok: false,
      problem: `${amount} ${currency} has ${fraction.length} decimals; ${currency} has ${digits}`,
    };
  }
  const minorText = `${whole}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const minor = BigInt(minorText);
  if (minor === 0n) return { ok: false, problem: 'the amount is zero' };
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, problem: `${amount} ${currency} is above the largest amount accepted` };
  }
  return { ok: true, minor: Number(minor), digits };
}
