import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../identity.permissions.js';

/**
 * A machine credential of a tenant. The key is shown once at creation; only its public prefix and the SHA-256 of
 * its secret are stored (the secret has 192 bits of entropy, so a slow hash would add nothing).
 */
@Entity({ name: 'identity_api_keys' })
@Index('identity_api_keys_tenant', ['tenantId'])
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  /** The role whose permissions the key carries (usually `integration`). */
  @Column({ type: 'text' })
  role: Role;

  /** Public, unique part of the key (`vk_<prefix>_…`), used to find it without scanning. */
  @Column({ type: 'text', unique: true })
  prefix: string;

  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash: Buffer;

  /** Requests per minute this key may make. */
  @Column({ name: 'rate_limit_per_minute', type: 'integer', default: 600 })
  rateLimitPerMinute: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
