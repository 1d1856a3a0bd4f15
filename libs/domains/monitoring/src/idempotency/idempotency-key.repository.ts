import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';

export interface StoredResponse {
  readonly scope: string;
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
  readonly expiresAt: Date;
}

/** The advisory lock that claims a key for the claiming transaction (see tryClaim). */
export const idempotencyLockName = (tenantId: string, key: string): string =>
  `monitoring_idempotency:${tenantId}:${key}`;

export interface StoredResponseRow {
  scope: string;
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  expires_at: Date;
}

export const storedResponseOf = (row: StoredResponseRow): StoredResponse => ({
  scope: row.scope,
  requestHash: row.request_hash,
  status: row.response_status ?? 500,
  body: row.response_body,
  expiresAt: row.expires_at,
});

/** A key's response as stored with the transaction that produced it. */
export interface CompletedKey {
  readonly key: string;
  readonly scope: string;
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
  readonly ttlHours: number;
}

@Injectable()
export class IdempotencyKeyRepository {
  /**
   * Claims the key for the rest of the caller's transaction without waiting: false when another transaction holds it
   * (its first request is still being decided). The claim ends with the transaction, so a crashed request never
   * leaves a key stuck "in progress". Two keys sharing a 64-bit hash would make one of them wait for the other's
   * commit (a retryable 409), never mix their answers: the row itself is keyed by the full key.
   */
  async tryClaim(tx: Tx, tenantId: string, key: string): Promise<boolean> {
    const [claimed] = await this.tryClaimMany(tx, tenantId, [key]);
    return claimed === true;
  }

  /** tryClaim for several keys in one statement: per key, in order, whether this transaction now holds it. */
  async tryClaimMany(tx: Tx, tenantId: string, keys: readonly string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const rows: { claimed: boolean }[] = await tx.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended(u.name, 0)) AS claimed
         FROM unnest($1::text[]) WITH ORDINALITY AS u(name, n) ORDER BY u.n`,
      [keys.map((key) => idempotencyLockName(tenantId, key))],
    );
    return rows.map((r) => r.claimed === true);
  }

  /** The stored response of a key, expired or not (the caller decides). */
  async find(tx: Tx, tenantId: string, key: string): Promise<StoredResponse | null> {
    return (await this.findMany(tx, tenantId, [key])).get(key) ?? null;
  }

  /** The stored responses of several keys, expired or not, by key (a key with none is absent). */
  async findMany(tx: Tx, tenantId: string, keys: readonly string[]): Promise<Map<string, StoredResponse>> {
    if (keys.length === 0) return new Map();
    const rows: (StoredResponseRow & { key: string })[] = await tx.query(
      `SELECT key, scope, request_hash, response_status, response_body, expires_at FROM monitoring_idempotency_keys
       WHERE tenant_id = $1 AND key = ANY($2::text[])`,
      [tenantId, keys],
    );
    return new Map(rows.map((row) => [row.key, storedResponseOf(row)]));
  }

  async remove(tx: Tx, tenantId: string, key: string): Promise<void> {
    await this.removeMany(tx, tenantId, [key]);
  }

  async removeMany(tx: Tx, tenantId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await tx.query(`DELETE FROM monitoring_idempotency_keys WHERE tenant_id = $1 AND key = ANY($2::text[])`, [
      tenantId,
      keys,
    ]);
  }

  /** Stores the response, in the transaction that produced it. */
  async insertCompleted(tx: Tx, tenantId: string, entry: CompletedKey): Promise<void> {
    await this.insertCompletedMany(tx, tenantId, [entry]);
  }

  /** Stores several keys' responses in one statement, in the transaction that produced them. */
  async insertCompletedMany(tx: Tx, tenantId: string, entries: readonly CompletedKey[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO monitoring_idempotency_keys (tenant_id, key, scope, request_hash, state, response_status, response_body, expires_at)
       SELECT $1, v.key, v.scope, v.request_hash, 'completed', v.status, v.body::jsonb, now() + make_interval(hours => v.ttl)
         FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[])
           AS v(key, scope, request_hash, status, body, ttl)`,
      [
        tenantId,
        entries.map((e) => e.key),
        entries.map((e) => e.scope),
        entries.map((e) => e.requestHash),
        entries.map((e) => e.status),
        entries.map((e) => JSON.stringify(e.body)),
        entries.map((e) => e.ttlHours),
      ],
    );
  }

  /** Deletes the tenant's keys that expired before `now`; returns how many. */
  async deleteExpired(tx: Tx, tenantId: string, now: Date): Promise<number> {
    const result: [unknown[], number] = await tx.query(
      `DELETE FROM monitoring_idempotency_keys WHERE tenant_id = $1 AND expires_at < $2`,
      [tenantId, now.toISOString()],
    );
    return result[1];
  }

  count(tx: Tx, tenantId: string): Promise<number> {
    return tx.countBy(IdempotencyKeyEntity, { tenantId });
  }
}
