import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CASE_NOTE_MAX_CHARS = 20_000;

/** An investigator's plain-text note, stored exactly as written (the UI renders it as text). Never edited. */
@Entity({ name: 'case_notes' })
@Check('CHK_case_notes_body', `char_length("body") BETWEEN 1 AND 20000`)
@Index('case_notes_case_created', ['caseId', 'createdAt'])
export class CaseNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
