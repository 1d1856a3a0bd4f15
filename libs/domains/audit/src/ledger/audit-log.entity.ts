import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One Merkle log per tenant. Write-once: a log's origin is what verifiers pin, so it never changes. */
@Entity({ name: 'audit_logs' })
export class AuditLogEntity {
  /** Small numeric id, because every leaf and node row repeats it. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid', unique: true })
  tenantId: string;

  /** `<AUDIT_ORIGIN_PREFIX>/<tenant slug>`: the first line of every checkpoint of this log. */
  @Column({ type: 'text', unique: true })
  origin: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
