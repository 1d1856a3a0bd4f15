import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ScreeningSubjectInput } from './subject-screener.port.js';

export const SUBJECT_KINDS = ['customer', 'related_party', 'counterparty'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The last screened snapshot of a customer, related party or counterparty, kept for continuous re-screening. */
@Entity({ name: 'screening_subjects' })
@Check('CHK_screening_subjects_kind', `"kind" IN ('customer', 'related_party', 'counterparty')`)
@Index('screening_subjects_tenant_kind_subject', ['tenantId', 'kind', 'subjectId'], { unique: true })
@Index('screening_subjects_tenant_screened', ['tenantId', 'lastScreenedAt'])
export class ScreeningSubjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  kind: SubjectKind;

  /** The owning domain's id (a counterparty's normalised key for counterparties). */
  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  @Column({ type: 'jsonb' })
  snapshot: ScreeningSubjectInput;

  /** SHA-256 of the snapshot's canonical JSON: a false positive stays suppressed while it is unchanged. */
  @Column({ name: 'snapshot_hash', type: 'text' })
  snapshotHash: string;

  @Column({ name: 'last_screened_at', type: 'timestamptz' })
  lastScreenedAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
