import { preparedQuery } from './prepared.query.js';
import type { Tx } from './transaction.runner.js';

const NEXT_REFERENCE_SQL = `INSERT INTO reference_counters AS c (tenant_id, series, last) VALUES ($1, $2, 1)
  ON CONFLICT (tenant_id, series) DO UPDATE SET last = c.last + 1 RETURNING last`;

/**
 * The next number of a tenant's human-readable reference series (`ALR`, `CASE-2026`, `RPT-2026`, …): 1 for the first.
 * One statement on the counter's row (`reference_counters`), whose row lock serialises concurrent callers of the same
 * tenant and series until their transactions end; a transaction that rolls back gives its number back, so the
 * numbers stay gapless. Replaces "lock, then read the greatest reference so far", which scanned every earlier row.
 */
export async function nextReferenceNumber(tx: Tx, tenantId: string, series: string): Promise<number> {
  const rows = await preparedQuery<{ last: string | number }>(tx, 'verity_reference_next', NEXT_REFERENCE_SQL, [
    tenantId,
    series,
  ]);
  return Number(rows[0].last);
}

/**
 * Gives `number` back when the row it was taken for was not written after all (an INSERT … ON CONFLICT DO NOTHING that
 * met a conflict), so the series stays gapless. Only the caller's own transaction can have taken a later number of
 * the series meanwhile (it holds the counter's row lock), so this undoes exactly its last take.
 */
export async function returnReferenceNumber(tx: Tx, tenantId: string, series: string, number: number): Promise<void> {
  await tx.query(`UPDATE reference_counters SET last = last - 1 WHERE tenant_id = $1 AND series = $2 AND last = $3`, [
    tenantId,
    series,
    number,
  ]);
}
