import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Leaf `idx` of a log's tree: which entry it is, and SHA-256(0x00 ‖ leaf bytes). Write-once. One sequencer per log
 * assigns idx = current size, size + 1, …, so the primary key both forbids a reused index and, with the single
 * writer, keeps the indexes gapless.
 */
@Entity({ name: 'audit_leaves' })
@Check('CHK_audit_leaves_hash', `octet_length("leaf_hash") = 32`)
export class AuditLeafEntity {
  @PrimaryColumn({ name: 'log_id', type: 'bigint' })
  logId: string;

  @PrimaryColumn({ type: 'bigint' })
  idx: string;

  @Column({ name: 'entry_id', type: 'bigint', unique: true })
  entryId: string;

  @Column({ name: 'leaf_hash', type: 'bytea' })
  leafHash: Buffer;
}
