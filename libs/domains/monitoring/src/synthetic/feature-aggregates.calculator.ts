import {
  FEATURE_WINDOWS_MS,
  deriveFeatures,
  isNearThreshold,
  type FeatureAggregates,
  type FeatureConfig,
  type FeatureInput,
  type FeatureWindow,
  type KycRiskRating,
} from '../feature/feature.deriver.js';
import type { FeatureVector } from '../feature/feature.schema.js';

/**
 * Computes FeatureAggregates in memory with the same definitions the real-time pipeline uses in SQL, so that the
 * trainer sees the features production will compute (and tests can check the SQL against it).
 *
 * Transactions are taken in the order given (the ingestion order). The history of x is every transaction taken
 * before x — for the same customer (or account) — whose bookedAt ≤ x.bookedAt; x itself is added to the windows
 * that include it. In detail, with W(w) = { t : x.bookedAt − w < t.bookedAt ≤ x.bookedAt }:
 * - customer/account windows: count and Σ amountBase over W(w) ∩ (history ∪ {x});
 * - prior30d: count, Σ amountBase, Σ amountBase² over W(30d) ∩ history (x excluded);
 * - priorCounterpartyCount: history transactions (any bookedAt ≤ x's) with x's counterpartyKey;
 * - nearThresholdCount7d: near-threshold transactions in W(7d) ∩ (history ∪ {x});
 * - inboundSum24h: Σ amountBase of inbound transactions in W(24h) ∩ history (x excluded);
 * - fanIn24h / fanOut24h: distinct counterpartyKey of inbound / outbound transactions in W(24h) ∩ (history ∪ {x}).
 */
export interface AggregatableTransaction {
  customerId: string;
  accountId: string;
  direction: 'in' | 'out';
  amountBase: number;
  bookedAt: Date;
  counterpartyKey: string;
}

interface Entry {
  at: number;
  amount: number;
  direction: 'in' | 'out';
  key: string;
  near: boolean;
}

const WINDOWS = Object.keys(FEATURE_WINDOWS_MS) as FeatureWindow[];
const LONGEST = FEATURE_WINDOWS_MS['30d'];

/** Inserts keeping `entries` sorted by time (after equal times, like a later ingestion). */
function insertSorted(entries: Entry[], entry: Entry): void {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].at <= entry.at) lo = mid + 1;
    else hi = mid;
  }
  entries.splice(lo, 0, entry);
}

/** Index of the first entry with at > time. */
function upperBound(entries: Entry[], time: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].at <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class FeatureAggregatesCalculator {
  private readonly customers = new Map<string, Entry[]>();
  private readonly accounts = new Map<string, Entry[]>();

  constructor(private readonly cfg: FeatureConfig) {}

  /** The aggregates of x against everything added so far, then adds x to the history. */
  next(x: AggregatableTransaction): FeatureAggregates {
    const at = x.bookedAt.getTime();
    const entry: Entry = {
      at,
      amount: x.amountBase,
      direction: x.direction,
      key: x.counterpartyKey,
      near: isNearThreshold(x.amountBase, this.cfg),
    };
    const customerHistory = this.customers.get(x.customerId) ?? [];
    const accountHistory = this.accounts.get(x.accountId) ?? [];

    const windows = (history: Entry[]): FeatureAggregates['customer'] => {
      const result = {} as FeatureAggregates['customer'];
      for (const w of WINDOWS) result[w] = { count: 1, sum: x.amountBase };
      for (let i = upperBound(history, at) - 1; i >= 0 && history[i].at > at - LONGEST; i--) {
        const age = at - history[i].at;
        for (const w of WINDOWS) {
          if (age < FEATURE_WINDOWS_MS[w]) {
            result[w].count++;
            result[w].sum += history[i].amount;
          }
        }
      }
      return result;
    };

    const prior30d = { count: 0, sum: 0, sumSquares: 0 };
    let nearThresholdCount7d = entry.near ? 1 : 0;
    let inboundSum24h = 0;
    const fanIn = new Set<string>();
    const fanOut = new Set<string>();
    (x.direction === 'in' ? fanIn : fanOut).add(x.counterpartyKey);
    let priorCounterpartyCount = 0;
    const end = upperBound(customerHistory, at);
    for (let i = end - 1; i >= 0; i--) {
      const t = customerHistory[i];
      if (t.key === x.counterpartyKey) priorCounterpartyCount++;
      const age = at - t.at;
      if (age >= LONGEST) continue;
      prior30d.count++;
      prior30d.sum += t.amount;
      prior30d.sumSquares += t.amount * t.amount;
      if (age < FEATURE_WINDOWS_MS['7d'] && t.near) nearThresholdCount7d++;
      if (age < FEATURE_WINDOWS_MS['24h']) {
        if (t.direction === 'in') {
          inboundSum24h += t.amount;
          fanIn.add(t.key);
        } else fanOut.add(t.key);
      }
    }

    const aggregates: FeatureAggregates = {
      customer: windows(customerHistory),
      account: windows(accountHistory),
      prior30d,
      priorCounterpartyCount,
      nearThresholdCount7d,
      inboundSum24h,
      fanIn24h: fanIn.size,
      fanOut24h: fanOut.size,
    };
    insertSorted(customerHistory, entry);
    insertSorted(accountHistory, entry);
    this.customers.set(x.customerId, customerHistory);
    this.accounts.set(x.accountId, accountHistory);
    return aggregates;
  }
}

/** Aggregates for each transaction, in the given (ingestion) order. */
export function computeFeatureAggregates(
  transactions: readonly AggregatableTransaction[],
  cfg: FeatureConfig,
): FeatureAggregates[] {
  const calculator = new FeatureAggregatesCalculator(cfg);
  return transactions.map((t) => calculator.next(t));
}

export interface FeatureSourceTransaction extends AggregatableTransaction {
  amountMajor: number;
  channel: string;
  currency: string;
  counterparty: { country: string | null };
  accountOpenedAt: Date;
  kycRiskRating: KycRiskRating;
  isPep: boolean;
  counterpartyScreeningScore: number;
}

/** Feature vectors for each transaction, in the given order (aggregates as above, then deriveFeatures). */
export function computeFeatureVectors(
  transactions: readonly FeatureSourceTransaction[],
  cfg: FeatureConfig,
): FeatureVector[] {
  const calculator = new FeatureAggregatesCalculator(cfg);
  return transactions.map((t) => {
    const input: FeatureInput = {
      amountBase: t.amountBase,
      amountMajor: t.amountMajor,
      direction: t.direction,
      channel: t.channel,
      currency: t.currency,
      counterpartyCountry: t.counterparty.country,
      bookedAt: t.bookedAt,
      accountOpenedAt: t.accountOpenedAt,
      kycRiskRating: t.kycRiskRating,
      isPep: t.isPep,
      counterpartyScreeningScore: t.counterpartyScreeningScore,
      aggregates: calculator.next(t),
    };
    return deriveFeatures(input, cfg);
  });
}
