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

@Injectable()
export class IdempotencyKeyRepository {
  /**
   * Claims the key for the rest of the caller's transaction without waiting: false when another transaction holds it
   * (its first request is still being decided). The claim ends with the transaction, so a crashed request never
   * leaves a key stuck "in progress". Two keys sharing a 64-bit hash would make one of them wait for the other's
   * commit (a retryable 409), never mix their answers: the row itself is keyed by the full key.
   */
  async tryClaim(tx: Tx, tenantId: string, key: string): Promise<boolean> {
    const rows: { claimed: boolean }[] = await tx.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS claimed`,
      [idempotencyLockName(tenantId, key)],
    );
    return rows[0]?.claimed === true;
  }

  /** The stored response of a key, expired or not (the caller decides). */
  async find(tx: Tx, tenantId: string, key: string): Promise<StoredResponse | null> {
    const rows: StoredResponseRow[] = await tx.query(
      `SELECT scope, request_hash, response_status, response_body, expires_at FROM monitoring_idempotency_keys
       WHERE tenant_id = $1 AND key = $2`,
      [tenantId, key],
    );
    return rows[0] ? storedResponseOf(rows[0]) : null;
  }

  async remove(tx: Tx, tenantId: string, key: string): Promise<void> {
    await tx.query(`DELETE FROM monitoring_idempotency_keys WHERE tenant_id = $1 AND key = $2`, [tenantId, key]);
  }

  /** Stores the response, in the transaction that produced it. */
  async insertCompleted(
    tx: Tx,
    tenantId: string,
    entry: { key: string; scope: string; requestHash: string; status: number; body: unknown; ttlHours: number },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO monitoring_idempotency_keys (tenant_id, key, scope, request_hash, state, response_status, response_body, expires_at)
       VALUES ($1, $2, $3, $4, 'completed', $5, $6, now() + make_interval(hours => $7))`,
      [tenantId, entry.key, entry.scope, entry.requestHash, entry.status, JSON.stringify(entry.body), entry.ttlHours],
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
