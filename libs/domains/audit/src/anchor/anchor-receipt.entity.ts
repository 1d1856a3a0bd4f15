import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { AnchorReceipt } from './audit-anchor.types.js';

/**
 * One anchor's receipt for one checkpoint of a log (see anchor/README.md). Write-once: a receipt is evidence, so it
 * is never replaced; the unique (log, size, kind) makes a re-run of the anchoring job for the same checkpoint a no-op.
 */
@Entity({ name: 'audit_anchor_receipts' })
@Unique('UQ_audit_anchor_receipts_checkpoint_kind', ['logId', 'treeSize', 'kind'])
export class AnchorReceiptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'log_id', type: 'bigint' })
  logId: string;

  /** The size of the anchored checkpoint (its `audit_checkpoints.tree_size`). */
  @Column({ name: 'tree_size', type: 'bigint' })
  treeSize: string;

  /** The anchor's stable kind (`write-once-directory`, `rfc3161`, …), the same as `receipt.kind`. */
  @Column({ type: 'text' })
  kind: string;

  /** The receipt exactly as the anchor returned it: what `AuditAnchor.verify` re-checks. */
  @Column({ type: 'jsonb' })
  receipt: AnchorReceipt;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
