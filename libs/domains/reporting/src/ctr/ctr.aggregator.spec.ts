import { describe, expect, it } from 'vitest';
import { aggregateCtrPersonDays, businessDayOf, usdCents, type CtrCashTransaction } from './ctr.aggregator.js';

const NY = 'America/New_York';

function cash(
  id: string,
  customerId: string,
  direction: 'in' | 'out',
  amountUsd: string,
  bookedAt: string,
): CtrCashTransaction {
  return { id, customerId, direction, amountUsd, bookedAt: new Date(bookedAt) };
}

describe('aggregateCtrPersonDays', () => {
  it('reports a person whose cash in over one business day totals more than $10,000', () => {
    const days = aggregateCtrPersonDays(
      [
        cash('t1', 'alice', 'in', '6000.00', '2026-03-10T14:00:00Z'),
        cash('t2', 'alice', 'in', '4000.01', '2026-03-10T20:00:00Z'),
      ],
      '2026-03-10',
      NY,
    );
    expect(days).toEqual([
      {
        customerId: 'alice',
        businessDay: '2026-03-10',
        cashInCents: 1_000_001n,
        cashOutCents: 0n,
        transactionIds: ['t1', 't2'],
      },
    ]);
  });

  it('does not report exactly $10,000: the threshold is strictly over', () => {
    const days = aggregateCtrPersonDays(
      [
        cash('t1', 'bob', 'in', '5000.00', '2026-03-10T14:00:00Z'),
        cash('t2', 'bob', 'in', '5000.00', '2026-03-10T15:00:00Z'),
      ],
      '2026-03-10',
      NY,
    );
    expect(days).toEqual([]);
  });

  it('sums cash in and cash out separately: $6,000 in and $6,000 out is not reportable', () => {
    const days = aggregateCtrPersonDays(
      [
        cash('t1', 'carol', 'in', '6000.00', '2026-03-10T14:00:00Z'),
        cash('t2', 'carol', 'out', '6000.00', '2026-03-10T15:00:00Z'),
      ],
      '2026-03-10',
      NY,
    );
    expect(days).toEqual([]);
  });

  it('keeps people apart: two people at $6,000 each are not one $12,000 day', () => {
    const days = aggregateCtrPersonDays(
      [
        cash('t1', 'dave', 'out', '6000.00', '2026-03-10T14:00:00Z'),
        cash('t2', 'erin', 'out', '6000.00', '2026-03-10T15:00:00Z'),
        cash('t3', 'erin', 'out', '4500.00', '2026-03-10T16:00:00Z'),
      ],
      '2026-03-10',
      NY,
    );
    expect(days.map((d) => [d.customerId, d.cashOutCents])).toEqual([['erin', 1_050_000n]]);
  });

  it('cuts business days at local midnight of the configured zone, not at UTC midnight', () => {
    // 03:30 UTC on the 11th is 23:30 on the 10th in New York (EDT, UTC-4): still the 10th's business day.
    const txs = [
      cash('late', 'frank', 'in', '6000.00', '2026-06-11T03:30:00Z'),
      cash('day', 'frank', 'in', '6000.00', '2026-06-10T16:00:00Z'),
      // 04:30 UTC on the 11th is 00:30 on the 11th in New York: the next business day.
      cash('next', 'frank', 'in', '9000.00', '2026-06-11T04:30:00Z'),
    ];
    const tenth = aggregateCtrPersonDays(txs, '2026-06-10', NY);
    expect(tenth.map((d) => [d.customerId, d.cashInCents, d.transactionIds])).toEqual([
      ['frank', 1_200_000n, ['late', 'day']],
    ]);
    expect(aggregateCtrPersonDays(txs, '2026-06-11', NY)).toEqual([]);
    // The same transactions in UTC: the late one falls on the 11th, so neither day is over.
    expect(aggregateCtrPersonDays(txs, '2026-06-10', 'UTC')).toEqual([]);
  });
});

describe('usdCents and businessDayOf', () => {
  it('converts decimal strings to cents without floating point, rounding half up', () => {
    expect(usdCents('10000.005')).toBe(1_000_001n);
    expect(usdCents('10000.004')).toBe(1_000_000n);
    expect(usdCents('0.1')).toBe(10n);
    expect(usdCents('123')).toBe(12_300n);
    expect(() => usdCents('1e5')).toThrow();
  });

  it('names the local day of an instant', () => {
    expect(businessDayOf(new Date('2026-01-01T04:59:59Z'), NY)).toBe('2025-12-31');
    expect(businessDayOf(new Date('2026-01-01T05:00:00Z'), NY)).toBe('2026-01-01');
  });
});
