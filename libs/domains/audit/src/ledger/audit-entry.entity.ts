import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What AuditLedger.record() writes, in the caller's transaction. Write-once (triggers refuse UPDATE, DELETE and
 * TRUNCATE). The entry gets its place in the tree later, from the sequencer, in audit_leaves.
 *
 * The payload is either sealed with the data subject's key (salt and payload inside the ciphertext; the normal case)
 * or, for entries the database writes itself during maintenance, kept in clear with its salt.
 */
@Entity({ name: 'audit_entries' })
@Index('audit_entries_subject', ['logId', 'subjectType', 'subjectId'])
@Check('CHK_audit_entries_actor_type', `"actor_type" IN ('user', 'key', 'system')`)
@Check(
  'CHK_audit_entries_payload',
  `("payload_ciphertext" IS NOT NULL AND "subject_key_id" IS NOT NULL AND "payload_salt" IS NULL AND "payload_clear" IS NULL) OR ("payload_ciphertext" IS NULL AND "subject_key_id" IS NULL AND "payload_salt" IS NOT NULL AND "payload_clear" IS NOT NULL)`,
)
@Check('CHK_audit_entries_payload_hash', `octet_length("payload_hash") = 32`)
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'log_id', type: 'bigint' })
  logId: string;

  /** Database time of the recording transaction (now()), so every entry of one change has the same time. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ name: 'actor_type', type: 'text' })
  actorType: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  /** SHA-256(salt ‖ canonical JSON payload); the leaf commits to this, never to the payload. */
  @Column({ name: 'payload_hash', type: 'bytea' })
  payloadHash: Buffer;

  /** The audit_subject_keys row that sealed the payload; no foreign key, because erasure deletes that row. */
  @Column({ name: 'subject_key_id', type: 'uuid', nullable: true })
  subjectKeyId: string | null;

  /** AES-256-GCM: 12-byte IV ‖ ciphertext of (salt ‖ payload) ‖ 16-byte tag, with the payload hash as AAD. */
  @Column({ name: 'payload_ciphertext', type: 'bytea', nullable: true })
  payloadCiphertext: Buffer | null;

  @Column({ name: 'payload_salt', type: 'bytea', nullable: true })
  payloadSalt: Buffer | null;

  @Column({ name: 'payload_clear', type: 'text', nullable: true })
  payloadClear: string | null;
}
