import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const IDEMPOTENCY_STATES = ['in_progress', 'completed'] as const;
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

/**
 * An `Idempotency-Key` of a tenant and the response its first request got. The row is written in the same database
 * transaction as the decision it answers, so it exists exactly when the decision committed; a request still running
 * is recognised by its transaction-scoped advisory lock (see idempotency-key.repository.ts), which a crash releases.
 */
@Entity({ name: 'monitoring_idempotency_keys' })
@Check('CHK_monitoring_idempotency_keys_state', `"state" IN ('in_progress', 'completed')`)
@Index('monitoring_idempotency_keys_expires', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Which endpoint the key was used with (a key belongs to one request). */
  @Column({ type: 'text' })
  scope: string;

  /** Lowercase hex SHA-256 of the request body's canonical JSON. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  state: IdempotencyState;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** After this the cleanup job deletes the key; a later request with it is a new request. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
