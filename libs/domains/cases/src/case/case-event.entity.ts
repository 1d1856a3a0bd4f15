import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a case's timeline: every action on the case, with who did it (`user:<id>`, `key:<id>`, `system:<name>`). */
@Entity({ name: 'case_events' })
@Index('case_events_case_at', ['caseId', 'at'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  /** e.g. `created`, `note_added`, `attachment_added`, `assigned`, `close_requested`, `closed`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
