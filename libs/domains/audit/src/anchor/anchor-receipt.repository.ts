import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AnchorReceipt } from './audit-anchor.types.js';

export interface StoredAnchorReceipt {
  readonly id: string;
  readonly logId: string;
  readonly treeSize: number;
  readonly kind: string;
  readonly receipt: AnchorReceipt;
  readonly createdAt: Date;
}

/** The latest checkpoint of a log that lacks a receipt of at least one configured anchor kind. */
export interface CheckpointToAnchor {
  readonly logId: string;
  /** The log's tenant: the receipt is written as that tenant. */
  readonly tenantId: string;
  readonly origin: string;
  readonly treeSize: number;
  /** The signed note as published, cosignatures included: the bytes the anchors protect. */
  readonly note: string;
  /** Kinds that already hold a receipt for this checkpoint. */
  readonly anchoredKinds: readonly string[];
}

interface ReceiptRow {
  id: string;
  log_id: string;
  tree_size: string;
  kind: string;
  receipt: AnchorReceipt;
  created_at: Date;
}

const toStored = (row: ReceiptRow): StoredAnchorReceipt => ({
  id: String(row.id),
  logId: String(row.log_id),
  treeSize: Number(row.tree_size),
  kind: row.kind,
  receipt: row.receipt,
  createdAt: row.created_at,
});

/** Anchor receipts, write-once (the table's trigger refuses UPDATE, DELETE and TRUNCATE). */
@Injectable()
export class AnchorReceiptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per log, its latest checkpoint when some of `kinds` has not anchored it yet. */
  async checkpointsToAnchor(kinds: readonly string[]): Promise<CheckpointToAnchor[]> {
    if (kinds.length === 0) return [];
    // SECURITY DEFINER: the anchoring job looks across every tenant's latest checkpoint (public, signed notes).
    const rows: {
      log_id: string;
      tenant_id: string;
      origin: string;
      tree_size: string;
      note: string;
      anchored: string[];
    }[] = await this.dataSource.query(
      'SELECT log_id, tenant_id, origin, tree_size, note, anchored FROM verity_audit_checkpoints_to_anchor($1)',
      [kinds],
    );
    return rows.map((r) => ({
      logId: String(r.log_id),
      tenantId: r.tenant_id,
      origin: r.origin,
      treeSize: Number(r.tree_size),
      note: r.note,
      anchoredKinds: r.anchored,
    }));
  }

  /** Stores a receipt; false when one of this kind already exists for the checkpoint (the first one is kept). */
  async insert(receipt: { logId: string; treeSize: number; kind: string; receipt: AnchorReceipt }): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO audit_anchor_receipts (log_id, tree_size, kind, receipt) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (log_id, tree_size, kind) DO NOTHING RETURNING id`,
      [receipt.logId, receipt.treeSize, receipt.kind, JSON.stringify(receipt.receipt)],
    );
    return rows.length > 0;
  }

  /**
   * A log's receipts, newest checkpoint first (kinds in name order); only those of one checkpoint with `treeSize`.
   * For the evidence-pack exporter and the admin UI.
   */
  async listForLog(logId: string, options: { treeSize?: number; limit?: number } = {}): Promise<StoredAnchorReceipt[]> {
    const rows: ReceiptRow[] = await this.dataSource.query(
      `SELECT id, log_id, tree_size, kind, receipt, created_at FROM audit_anchor_receipts
        WHERE log_id = $1 AND ($2::bigint IS NULL OR tree_size = $2)
        ORDER BY tree_size DESC, kind LIMIT $3`,
      [logId, options.treeSize ?? null, options.limit ?? 1_000],
    );
    return rows.map(toStored);
  }
}
