import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CASE_SUBJECT_TYPES = ['customer', 'account', 'counterparty'] as const;
export type CaseSubjectType = (typeof CASE_SUBJECT_TYPES)[number];

/** Who or what a case is about: a customer, an account, or a counterparty key (IBAN, account number or name). */
@Entity({ name: 'case_subjects' })
@Check('CHK_case_subjects_type', `"type" IN ('customer', 'account', 'counterparty')`)
@Index('case_subjects_case_type_subject', ['caseId', 'type', 'subjectId'], { unique: true })
@Index('case_subjects_tenant_subject', ['tenantId', 'type', 'subjectId'])
export class CaseSubjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  type: CaseSubjectType;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'added_by', type: 'uuid' })
  addedBy: string;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}
