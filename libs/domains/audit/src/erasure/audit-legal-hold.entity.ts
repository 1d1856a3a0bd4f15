import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** While active (not released) it forbids erasing its data subject, or every subject of the tenant when unscoped. */
@Entity({ name: 'audit_legal_holds' })
@Index('audit_legal_holds_active', ['tenantId'], { where: '"released_at" IS NULL' })
@Check('CHK_audit_legal_holds_subject', `("subject_type" IS NULL) = ("subject_id" IS NULL)`)
export class AuditLegalHoldEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** Null with subject_id: the hold covers the whole tenant. */
  @Column({ name: 'subject_type', type: 'text', nullable: true })
  subjectType: string | null;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId: string | null;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;
}
