import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A user's TOTP authenticator (RFC 6238). Secrets are stored only encrypted (AES-256-GCM under MFA_ENCRYPTION_KEY,
 * see `TotpSecretCipher`): a database dump alone does not let anyone compute codes.
 */
@Entity({ name: 'identity_totp_factors' })
@Index('identity_totp_factors_tenant', ['tenantId'])
export class TotpFactorEntity {
  /** One authenticator per user. */
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The confirmed secret, encrypted; null until the user confirms a code. */
  @Column({ name: 'secret_ciphertext', type: 'bytea', nullable: true })
  secretCiphertext: Buffer | null;

  @Column({ name: 'enrolled_at', type: 'timestamptz', nullable: true })
  enrolledAt: Date | null;

  /** A secret shown by setup and not yet confirmed, encrypted; a new setup replaces it. */
  @Column({ name: 'pending_secret_ciphertext', type: 'bytea', nullable: true })
  pendingSecretCiphertext: Buffer | null;

  @Column({ name: 'pending_created_at', type: 'timestamptz', nullable: true })
  pendingCreatedAt: Date | null;

  /** The last accepted 30-second time step: a code of this step or an earlier one is refused (no replay). */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true })
  lastUsedStep: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
