import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The hash of the perfect subtree of 2^level leaves starting at leaf idx × 2^level (level ≥ 1; level 0 is
 * audit_leaves). These never change once complete, so they are stored as soon as the sequencer completes them, and a
 * proof reads O(log n) of them. Write-once.
 */
@Entity({ name: 'audit_nodes' })
@Check('CHK_audit_nodes_level', `"level" BETWEEN 1 AND 62`)
@Check('CHK_audit_nodes_hash', `octet_length("hash") = 32`)
export class AuditNodeEntity {
  @PrimaryColumn({ name: 'log_id', type: 'bigint' })
  logId: string;

  @PrimaryColumn({ type: 'smallint' })
  level: number;

  @PrimaryColumn({ type: 'bigint' })
  idx: string;

  @Column({ type: 'bytea' })
  hash: Buffer;
}
