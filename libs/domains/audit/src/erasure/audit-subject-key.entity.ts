import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A data subject's payload key, wrapped by the master key. Deleting the row is erasure (crypto-shredding): it is the
 * one DELETE the audit domain performs, and the only way a recorded payload ever becomes unreadable.
 */
@Entity({ name: 'audit_subject_keys' })
@Index('audit_subject_keys_subject', ['tenantId', 'subjectType', 'subjectId'], { unique: true })
export class AuditSubjectKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  /** First 8 hex digits of SHA-256 of the master key that wrapped it, so rotated master keys still unwrap. */
  @Column({ name: 'master_key_id', type: 'text' })
  masterKeyId: string;

  /** AES-256-GCM under the master key: IV ‖ wrapped key ‖ tag, bound to (tenant, subject type, subject id). */
  @Column({ name: 'wrapped_key', type: 'bytea' })
  wrappedKey: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
