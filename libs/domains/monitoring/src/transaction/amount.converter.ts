import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { MonitoringError } from '../monitoring.errors.js';
import { minorUnitDigits } from './transaction-field.validators.js';

/** The tenants' base currency: every amount in features is in it. */
export const BASE_CURRENCY = 'USD';

/**
 * Static demo rates, USD per unit (rounded mid-market rates of late 2026's order of magnitude, for demonstration
 * only). MONITORING_FX_RATES overrides or extends them; a production installation sets its own.
 */
export const DEMO_FX_RATES: Readonly<Record<string, number>> = Object.freeze({
  USD: 1,
  EUR: 1.08,
  GBP: 1.27,
  CHF: 1.13,
  JPY: 0.0067,
  CAD: 0.73,
  AUD: 0.65,
  NZD: 0.6,
  SEK: 0.095,
  NOK: 0.092,
  DKK: 0.145,
  PLN: 0.25,
  CZK: 0.043,
  HUF: 0.0028,
  RON: 0.22,
  TRY: 0.03,
  CNY: 0.14,
  HKD: 0.128,
  SGD: 0.74,
  INR: 0.012,
  KRW: 0.00072,
  BRL: 0.18,
  MXN: 0.055,
  ZAR: 0.055,
  AED: 0.272,
  SAR: 0.267,
  ILS: 0.27,
  BHD: 2.65,
  KWD: 3.25,
});

export interface ConvertedAmount {
  /** Major units of the original currency. */
  readonly amountMajor: number;
  /** Major units of the base currency, rounded to 4 decimals. */
  readonly amountBase: number;
}

@Injectable()
export class AmountConverter {
  private readonly rates: Readonly<Record<string, number>>;

  constructor(config: AppConfig) {
    const overrides = Object.fromEntries(
      (config.values.MONITORING_FX_RATES ?? '')
        .split(',')
        .filter((pair) => pair.length > 0)
        .map((pair) => {
          const [code, rate] = pair.split('=');
          return [code, Number(rate)];
        }),
    );
    this.rates = { ...DEMO_FX_RATES, ...overrides };
  }

  /** True when the currency has a rate to the base currency. */
  supports(currency: string): boolean {
    return this.rates[currency] !== undefined;
  }

  convert(valueMinor: number, currency: string): ConvertedAmount {
    const rate = this.rates[currency];
    if (rate === undefined) {
      throw new MonitoringError(
        'monitoring/invalid_transaction',
        'unprocessable',
        `There is no rate from ${currency} to ${BASE_CURRENCY} configured (MONITORING_FX_RATES)`,
      );
    }
    const amountMajor = valueMinor / 10 ** minorUnitDigits(currency);
    return { amountMajor, amountBase: Math.round(amountMajor * rate * 10_000) / 10_000 };
  }
}
