import { describe, expect, it } from 'vitest';
import { isPaymentCurrency, minorUnitDigits } from './transaction-field.validators.js';
import { counterpartyKeyOf } from './counterparty.key.js';

describe('payment currencies (ISO 4217 via currency-codes)', () => {
  it('accepts currencies and refuses unknown codes, metals, funds and test codes', () => {
    for (const code of ['USD', 'EUR', 'JPY', 'BHD', 'CHF']) expect(isPaymentCurrency(code), code).toBe(true);
    for (const code of ['XYZ', 'usd', 'US', 'XAU', 'XXX', 'XTS', 'XDR', '', 42]) {
      expect(isPaymentCurrency(code), String(code)).toBe(false);
    }
  });

  it('knows each currency’s minor unit', () => {
    expect([minorUnitDigits('USD'), minorUnitDigits('JPY'), minorUnitDigits('BHD')]).toEqual([2, 0, 3]);
  });
});

describe('counterpartyKeyOf', () => {
  it('prefers the IBAN, then bank and account, then the folded name', () => {
    expect(counterpartyKeyOf({ name: 'A', iban: 'DE89370400440532013000', account: '1' })).toBe(
      'iban:DE89370400440532013000',
    );
    expect(counterpartyKeyOf({ name: 'A', account: '123', bic: 'COBADEFFXXX' })).toBe('account:COBADEFFXXX:123');
    expect(counterpartyKeyOf({ name: '  Société Générale, S.A. ' })).toBe('name:societe generale s a');
  });
});
