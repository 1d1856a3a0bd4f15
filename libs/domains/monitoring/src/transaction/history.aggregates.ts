import {
  isNearThreshold,
  type FeatureAggregates,
  type FeatureConfig,
  type FeatureWindow,
  type WindowAggregate,
} from '../feature/feature.deriver.js';

/**
 * What the feature query reads from the stored history of a customer and account: windows ending at x.bookedAt over
 * the transactions already committed, x itself not yet among them.
 */
export interface StoredHistoryAggregates {
  customer: Record<FeatureWindow, WindowAggregate>;
  account: Record<FeatureWindow, WindowAggregate>;
  /** Customer, 30-day window: count, Σ amount, Σ amount². */
  sumSquares30d: number;
  priorCounterpartyCount: number;
  nearThresholdCount7d: number;
  inboundSum24h: number;
  fanIn24h: number;
  fanOut24h: number;
  /** Whether x's counterparty is already among the 24 h window's inbound / outbound counterparties. */
  fanInHasCounterparty: boolean;
  fanOutHasCounterparty: boolean;
}

export interface IncomingTransaction {
  readonly amountBase: number;
  readonly direction: 'in' | 'out';
}

const WINDOWS: readonly FeatureWindow[] = ['1h', '24h', '7d', '30d'];

/** Adds x to the stored aggregates where FeatureAggregates counts it ("x included"). */
export function aggregatesIncluding(
  stored: StoredHistoryAggregates,
  x: IncomingTransaction,
  cfg: FeatureConfig,
): FeatureAggregates {
  const plusX = (w: Record<FeatureWindow, WindowAggregate>): Record<FeatureWindow, WindowAggregate> =>
    Object.fromEntries(WINDOWS.map((k) => [k, { count: w[k].count + 1, sum: w[k].sum + x.amountBase }])) as Record<
      FeatureWindow,
      WindowAggregate
    >;
  return {
    customer: plusX(stored.customer),
    account: plusX(stored.account),
    prior30d: {
      count: stored.customer['30d'].count,
      sum: stored.customer['30d'].sum,
      sumSquares: stored.sumSquares30d,
    },
    priorCounterpartyCount: stored.priorCounterpartyCount,
    nearThresholdCount7d: stored.nearThresholdCount7d + (isNearThreshold(x.amountBase, cfg) ? 1 : 0),
    inboundSum24h: stored.inboundSum24h,
    fanIn24h: stored.fanIn24h + (x.direction === 'in' && !stored.fanInHasCounterparty ? 1 : 0),
    fanOut24h: stored.fanOut24h + (x.direction === 'out' && !stored.fanOutHasCounterparty ? 1 : 0),
  };
}
