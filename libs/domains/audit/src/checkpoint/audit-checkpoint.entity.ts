import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A signed C2SP checkpoint of one log, as published. Write-once. */
@Entity({ name: 'audit_checkpoints' })
@Index('audit_checkpoints_log', ['logId', 'id'])
@Check('CHK_audit_checkpoints_root', `octet_length("root_hash") = 32`)
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'log_id', type: 'bigint' })
  logId: string;

  @Column({ name: 'tree_size', type: 'bigint' })
  treeSize: string;

  @Column({ name: 'root_hash', type: 'bytea' })
  rootHash: Buffer;

  /** The whole signed note (c2sp.org/signed-note), exactly as served by GET /v1/audit/checkpoint. */
  @Column({ type: 'text' })
  note: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
