import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CONFIG,
  FEATURE_WINDOWS_MS,
  isNearThreshold,
  type FeatureAggregates,
} from '../feature/feature.deriver.js';
import { MODEL_FEATURES } from '../feature/feature.schema.js';
import {
  computeFeatureAggregates,
  computeFeatureVectors,
  type AggregatableTransaction,
} from './feature-aggregates.calculator.js';
import { generateSyntheticTransactions } from './synthetic-transaction.generator.js';

const cfg = DEFAULT_FEATURE_CONFIG;
const HOUR = 3_600_000;
const t0 = new Date('2026-03-01T12:00:00Z').getTime();

function tx(
  hoursAfter: number,
  amountBase: number,
  direction: 'in' | 'out',
  counterpartyKey: string,
  more: Partial<AggregatableTransaction> = {},
): AggregatableTransaction {
  return {
    customerId: 'c1',
    accountId: 'a1',
    direction,
    amountBase,
    bookedAt: new Date(t0 + hoursAfter * HOUR),
    counterpartyKey,
    ...more,
  };
}

/** The SQL definitions, written the slow and obvious way. */
function reference(all: readonly AggregatableTransaction[], index: number): FeatureAggregates {
  const x = all[index];
  const at = x.bookedAt.getTime();
  const history = all.slice(0, index).filter((t) => t.bookedAt.getTime() <= at);
  const inWindow = (t: AggregatableTransaction, ms: number): boolean => t.bookedAt.getTime() > at - ms;
  const windows = (same: (t: AggregatableTransaction) => boolean): FeatureAggregates['customer'] => {
    const result = {} as FeatureAggregates['customer'];
    for (const [w, ms] of Object.entries(FEATURE_WINDOWS_MS) as [keyof typeof FEATURE_WINDOWS_MS, number][]) {
      const set = [...history.filter((t) => same(t) && inWindow(t, ms)), x];
      result[w] = { count: set.length, sum: set.reduce((s, t) => s + t.amountBase, 0) };
    }
    return result;
  };
  const customer = history.filter((t) => t.customerId === x.customerId);
  const prior = customer.filter((t) => inWindow(t, FEATURE_WINDOWS_MS['30d']));
  const day = customer.filter((t) => inWindow(t, FEATURE_WINDOWS_MS['24h']));
  return {
    customer: windows((t) => t.customerId === x.customerId),
    account: windows((t) => t.accountId === x.accountId),
    prior30d: {
      count: prior.length,
      sum: prior.reduce((s, t) => s + t.amountBase, 0),
      sumSquares: prior.reduce((s, t) => s + t.amountBase ** 2, 0),
    },
    priorCounterpartyCount: customer.filter((t) => t.counterpartyKey === x.counterpartyKey).length,
    nearThresholdCount7d: [...customer.filter((t) => inWindow(t, FEATURE_WINDOWS_MS['7d'])), x].filter((t) =>
      isNearThreshold(t.amountBase, cfg),
    ).length,
    inboundSum24h: day.filter((t) => t.direction === 'in').reduce((s, t) => s + t.amountBase, 0),
    fanIn24h: new Set([...day, x].filter((t) => t.direction === 'in').map((t) => t.counterpartyKey)).size,
    fanOut24h: new Set([...day, x].filter((t) => t.direction === 'out').map((t) => t.counterpartyKey)).size,
  };
}

function close(actual: FeatureAggregates, expected: FeatureAggregates): void {
  const round = (a: FeatureAggregates): unknown =>
    JSON.parse(JSON.stringify(a, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v)));
  expect(round(actual)).toEqual(round(expected));
}

describe('computeFeatureAggregates', () => {
  it('windows end at bookedAt and include x; a transaction exactly one window ago is out', () => {
    const txs = [tx(-1, 100, 'in', 'k1'), tx(-0.5, 50, 'out', 'k2'), tx(0, 20, 'out', 'k3')];
    const [, , third] = computeFeatureAggregates(txs, cfg);
    expect(third.customer['1h']).toEqual({ count: 2, sum: 70 });
    expect(third.customer['24h']).toEqual({ count: 3, sum: 170 });
    expect(third.prior30d).toEqual({ count: 2, sum: 150, sumSquares: 100 ** 2 + 50 ** 2 });
    expect(third.inboundSum24h).toBe(100);
    expect([third.fanIn24h, third.fanOut24h]).toEqual([1, 2]);
  });

  it('counts prior transactions with the same counterparty at any time, not x itself', () => {
    const txs = [tx(-24 * 90, 10, 'out', 'k1'), tx(-1, 10, 'out', 'k1'), tx(0, 10, 'out', 'k1')];
    const aggregates = computeFeatureAggregates(txs, cfg);
    expect(aggregates.map((a) => a.priorCounterpartyCount)).toEqual([0, 1, 2]);
    expect(aggregates[2].customer['30d'].count).toBe(2);
    expect(aggregates[2].fanOut24h).toBe(1);
  });

  it('a late transaction sees only history booked before it, and equal times already ingested', () => {
    const txs = [tx(0, 10, 'in', 'k1'), tx(5, 20, 'in', 'k2'), tx(2, 9_500, 'out', 'k3'), tx(2, 9_100, 'out', 'k4')];
    const aggregates = computeFeatureAggregates(txs, cfg);
    expect(aggregates[2].customer['24h']).toEqual({ count: 2, sum: 9_510 });
    expect(aggregates[3].customer['24h']).toEqual({ count: 3, sum: 18_610 });
    expect(aggregates[3].nearThresholdCount7d).toBe(2);
  });

  it('separates customers and accounts', () => {
    const txs = [
      tx(0, 10, 'in', 'k', { accountId: 'a2' }),
      tx(1, 10, 'in', 'k', { customerId: 'c2' }),
      tx(2, 5, 'out', 'k'),
    ];
    const last = computeFeatureAggregates(txs, cfg)[2];
    expect(last.customer['24h'].count).toBe(2);
    expect(last.account['24h'].count).toBe(2);
    expect(last.priorCounterpartyCount).toBe(1);
  });

  it('agrees with the reference definitions over a generated history', () => {
    const txs = generateSyntheticTransactions({ seed: 3, customers: 12, days: 40, typologyRate: 0.5 });
    const aggregates = computeFeatureAggregates(txs, cfg);
    for (let i = 0; i < txs.length; i++) close(aggregates[i], reference(txs, i));
  });

  it('feature vectors carry every model feature as a finite number', () => {
    const txs = generateSyntheticTransactions({ seed: 4, customers: 5, days: 10, typologyRate: 1 });
    for (const v of computeFeatureVectors(txs, cfg)) {
      for (const name of MODEL_FEATURES) expect(Number.isFinite(v[name]), name).toBe(true);
    }
  });
});
