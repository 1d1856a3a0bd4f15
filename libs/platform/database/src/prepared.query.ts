import { connectionOf, type Tx } from './transaction.runner.js';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a fixed statement of a hot path as a named prepared statement of the transaction's connection: PostgreSQL parses
 * and plans it once per pooled connection instead of on every call, which on the real-time decision path was the
 * largest cost of all. Row-level security still applies per execution (the policies read `verity.tenant_id` when the
 * statement runs, and a cached plan is replanned if the role changes). `name` must be unique per `text` across the
 * process (node-postgres refuses one name for two texts); use a constant, never build it from input. Answers the rows,
 * as `tx.query` does for a SELECT or an INSERT … RETURNING; falls back to `tx.query` when the connection is not
 * node-postgres'.
 */
export async function preparedQuery<T>(tx: Tx, name: string, text: string, values: readonly unknown[]): Promise<T[]> {
  const client = connectionOf(tx) as Partial<PgClient> | undefined;
  if (typeof client?.query !== 'function') return tx.query(text, [...values]);
  const result = await (client as PgClient).query({ name, text, values: [...values] });
  return result.rows as T[];
}
