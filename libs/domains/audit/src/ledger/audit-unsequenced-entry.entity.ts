import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The sequencer's work list: record() adds the entry here, and the sequencer removes it in the same transaction
 * that gives the entry its leaf. Not write-once (it is a queue), and never the record of anything.
 */
@Entity({ name: 'audit_unsequenced_entries' })
@Index('audit_unsequenced_entries_log', ['logId', 'entryId'])
export class AuditUnsequencedEntryEntity {
  @PrimaryColumn({ name: 'entry_id', type: 'bigint' })
  entryId: string;

  @Column({ name: 'log_id', type: 'bigint' })
  logId: string;
}
