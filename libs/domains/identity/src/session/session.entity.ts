import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A server-side session: the cookie holds a random token, the table only its SHA-256. */
@Entity({ name: 'identity_sessions' })
@Index('identity_sessions_user', ['userId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'bytea', unique: true })
  tokenHash: Buffer;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** Sent back by the UI in X-CSRF-Token on every state change made with this session's cookie. */
  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  /** Absolute end, whatever the activity. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** When the person last proved who they are in this session: sign-in, or re-entering a password or TOTP code. */
  @Column({ name: 'reauthenticated_at', type: 'timestamptz', default: () => 'now()' })
  reauthenticatedAt: Date;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** How the person signed in: `password`, `oidc`, or `totp` (a first factor followed by a TOTP code). */
  @Column({ name: 'auth_method', type: 'text', default: 'password' })
  authMethod: string;

  /**
   * Whether a second factor was verified in this session (at sign-in, at enrolment, or by re-authenticating with a
   * code). A user whose roles require MFA gets only the enrolment routes while this is false.
   */
  @Column({ name: 'mfa_satisfied', type: 'boolean', default: false })
  mfaSatisfied: boolean;
}
