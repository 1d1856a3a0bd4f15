import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The second step of a sign-in: the first factor (password or OIDC) was right and the user has TOTP enrolled. The
 * client holds a random challenge token; only its SHA-256 is stored. Single use, short-lived, and dead after a few
 * wrong codes.
 */
@Entity({ name: 'identity_sign_in_challenges' })
@Index('identity_sign_in_challenges_user', ['userId'])
export class SignInChallengeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'bytea', unique: true })
  tokenHash: Buffer;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The first factor that led here (`password` or `oidc`). */
  @Column({ name: 'first_factor', type: 'text' })
  firstFactor: string;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt: Date | null;
}
