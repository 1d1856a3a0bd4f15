/** The amount over which a day's cash in (or out) of one person is reported: strictly more than $10,000. */
export const CTR_THRESHOLD_CENTS = 1_000_000n;

/** One cash transaction as the CTR scan reads it. */
export interface CtrCashTransaction {
  readonly id: string;
  /** The customers domain's id of the person (or business) who conducted it. */
  readonly customerId: string;
  readonly direction: 'in' | 'out';
  /** The amount in USD, major units, as a decimal string (monitoring's `amount_base`). */
  readonly amountUsd: string;
  readonly bookedAt: Date;
}

/** One person's reportable business day: the transactions and the cash in and out totals (USD cents). */
export interface CtrPersonDay {
  readonly customerId: string;
  /** `YYYY-MM-DD` in the business time zone. */
  readonly businessDay: string;
  readonly cashInCents: bigint;
  readonly cashOutCents: bigint;
  readonly transactionIds: readonly string[];
}

/** `YYYY-MM-DD` of `instant` in `timeZone` (an IANA zone). */
export function businessDayOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A decimal string of major units as integer cents, rounded half away from zero (no floating point). */
export function usdCents(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const padded = (fraction + '000').slice(0, 3);
  let cents = BigInt(whole) * 100n + BigInt(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) cents += 1n;
  return sign === '-' ? -cents : cents;
}

/**
 * The person-days of `businessDay` that a CTR must report: each customer's cash transactions booked on that day in
 * `timeZone`, with cash in and cash out summed separately (31 CFR 1010.313: multiple transactions are one when they
 * total more than $10,000 in either direction in one business day). Transactions of other days are ignored.
 */
export function aggregateCtrPersonDays(
  transactions: readonly CtrCashTransaction[],
  businessDay: string,
  timeZone: string,
): CtrPersonDay[] {
  const byCustomer = new Map<string, { in: bigint; out: bigint; ids: string[] }>();
  for (const t of transactions) {
    if (businessDayOf(t.bookedAt, timeZone) !== businessDay) continue;
    const entry = byCustomer.get(t.customerId) ?? { in: 0n, out: 0n, ids: [] };
    const cents = usdCents(t.amountUsd);
    if (t.direction === 'in') entry.in += cents;
    else entry.out += cents;
    entry.ids.push(t.id);
    byCustomer.set(t.customerId, entry);
  }
  return [...byCustomer.entries()]
    .filter(([, e]) => e.in > CTR_THRESHOLD_CENTS || e.out > CTR_THRESHOLD_CENTS)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customerId, e]) => ({
      customerId,
      businessDay,
      cashInCents: e.in,
      cashOutCents: e.out,
      transactionIds: e.ids,
    }));
}

/** The UTC instants that surely contain every instant of `businessDay` in any zone (±14 h), for the database query. */
export function businessDayWindow(businessDay: string): { from: Date; to: Date } {
  const midnight = Date.parse(`${businessDay}T00:00:00Z`);
  if (Number.isNaN(midnight)) throw new Error(`not a day: ${businessDay}`);
  return { from: new Date(midnight - 14 * 3_600_000), to: new Date(midnight + 38 * 3_600_000) };
}
