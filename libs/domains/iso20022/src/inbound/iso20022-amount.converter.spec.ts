import { describe, expect, it } from 'vitest';
import { toMinorUnits } from './iso20022-amount.converter.js';

describe('toMinorUnits', () => {
  it('converts by the currency exponent exactly, without floats', () => {
    expect(toMinorUnits('1000.00', 'EUR')).toEqual({ ok: true, minor: 100000, digits: 2 });
    expect(toMinorUnits('0.1', 'EUR')).toMatchObject({ ok: true, minor: 10 });
    expect(toMinorUnits('1234.5', 'USD')).toMatchObject({ ok: true, minor: 123450 });
    expect(toMinorUnits('100', 'JPY')).toMatchObject({ ok: true, minor: 100, digits: 0 });
    expect(toMinorUnits('1.234', 'BHD')).toMatchObject({ ok: true, minor: 1234, digits: 3 });
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(toMinorUnits('0.29', 'EUR')).toMatchObject({ ok: true, minor: 29 });
    expect(toMinorUnits('90071992547409.91', 'EUR')).toMatchObject({ ok: true, minor: 9007199254740991 });
  });

  it('accepts trailing zeros past the exponent and refuses real extra precision', () => {
    expect(toMinorUnits('10.120', 'EUR')).toMatchObject({ ok: true, minor: 1012 });
    expect(toMinorUnits('10.125', 'EUR')).toMatchObject({ ok: false });
    expect(toMinorUnits('1.5', 'JPY')).toMatchObject({ ok: false, problem: expect.stringContaining('JPY has 0') });
  });

  it('refuses non-payment currencies, zero, malformed and too large amounts', () => {
    expect(toMinorUnits('1', 'XAU')).toMatchObject({ ok: false });
    expect(toMinorUnits('1', 'ABC')).toMatchObject({ ok: false });
    expect(toMinorUnits('0.00', 'EUR')).toMatchObject({ ok: false });
    expect(toMinorUnits('1e3', 'EUR')).toMatchObject({ ok: false });
    expect(toMinorUnits('-5', 'EUR')).toMatchObject({ ok: false });
    expect(toMinorUnits('90071992547409.92', 'EUR')).toMatchObject({ ok: false });
  });
});
