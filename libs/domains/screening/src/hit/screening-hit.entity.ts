import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MatchExplanation } from '../matching/name-match.types.js';

export const HIT_STATUSES = ['open', 'true_match', 'false_positive'] as const;
export type HitStatus = (typeof HIT_STATUSES)[number];

/** Why a hit scored what it did: the summary lines and the matcher's structured explanation. */
export interface StoredHitExplanation {
  summary: string[];
  details: MatchExplanation;
}

/** A candidate match of a subject against a list entry, awaiting or carrying an analyst's decision. */
@Entity({ name: 'screening_hits' })
@Check('CHK_screening_hits_status', `"status" IN ('open', 'true_match', 'false_positive')`)
@Index('screening_hits_tenant_adjudicated', ['tenantId', 'adjudicatedAt'], { where: `"adjudicated_at" IS NOT NULL` })
@Index('screening_hits_tenant_status', ['tenantId', 'status', 'createdAt'])
@Index('screening_hits_subject_entry', ['tenantId', 'subjectRef', 'listId', 'entryExternalId'])
@Index('screening_hits_one_open', ['tenantId', 'subjectRef', 'listId', 'entryExternalId'], {
  unique: true,
  where: `"status" = 'open'`,
})
export class ScreeningHitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The screening_subjects row. */
  @Column({ name: 'subject_ref', type: 'uuid' })
  subjectRef: string;

  @Column({ name: 'subject_kind', type: 'text' })
  subjectKind: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId: string | null;

  /** The subject's snapshot hash when the hit was found. */
  @Column({ name: 'subject_hash', type: 'text' })
  subjectHash: string;

  @Column({ name: 'list_id', type: 'uuid' })
  listId: string;

  @Column({ name: 'list_source', type: 'text' })
  listSource: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'entry_external_id', type: 'text' })
  entryExternalId: string;

  @Column({ name: 'entry_name', type: 'text' })
  entryName: string;

  /** The entry's content hash when the hit was found. */
  @Column({ name: 'entry_hash', type: 'text' })
  entryHash: string;

  @Column({ name: 'matched_name', type: 'text' })
  matchedName: string;

  @Column({ type: 'double precision' })
  score: number;

  @Column({ type: 'jsonb' })
  explanation: StoredHitExplanation;

  @Column({ type: 'text', default: 'open' })
  status: HitStatus;

  @Column({ name: 'adjudication_reason', type: 'text', nullable: true })
  adjudicationReason: string | null;

  /** `user:<id>` of the analyst who decided. */
  @Column({ name: 'adjudicated_by', type: 'text', nullable: true })
  adjudicatedBy: string | null;

  @Column({ name: 'adjudicated_at', type: 'timestamptz', nullable: true })
  adjudicatedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
