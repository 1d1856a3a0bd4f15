import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuditActorType } from '../ledger/audit-event.types.js';
import { RECORDED_AT_SQL } from '../ledger/audit-entry.repository.js';
import type { SubtreeAddress } from '../tree/subtree-hash.source.js';

/**
 * One row of audit_leaves with the entry it points to, read with a LEFT JOIN so that a leaf whose entry row was
 * deleted still shows up (with `entry` null) instead of silently shortening the log.
 */
export interface FsckLeafRow {
  readonly index: number;
  readonly entryId: string;
  readonly leafHash: Uint8Array;
  readonly entry: FsckEntryFields | null;
}

export interface FsckEntryFields {
  readonly logId: string;
  readonly recordedAt: string;
  readonly actorType: AuditActorType;
  readonly actorId: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly payloadHash: Uint8Array;
  readonly subjectKeyId: string | null;
  readonly payloadCiphertext: Uint8Array | null;
  readonly payloadSalt: Uint8Array | null;
  readonly payloadClear: string | null;
}

interface LeafRow {
  idx: string;
  entry_id: string;
  leaf_hash: Buffer;
  log_id: string | null;
  recorded_at: string | null;
  actor_type: AuditActorType | null;
  actor_id: string | null;
  action: string | null;
  subject_type: string | null;
  subject_id: string | null;
  payload_hash: Buffer | null;
  subject_key_id: string | null;
  payload_ciphertext: Buffer | null;
  payload_salt: Buffer | null;
  payload_clear: string | null;
}

function toLeaf(row: LeafRow): FsckLeafRow {
  const entry: FsckEntryFields | null =
    row.log_id === null
      ? null
      : {
          logId: String(row.log_id),
          recordedAt: row.recorded_at ?? '',
          actorType: row.actor_type ?? 'system',
          actorId: row.actor_id ?? '',
          action: row.action ?? '',
          subjectType: row.subject_type ?? '',
          subjectId: row.subject_id ?? '',
          payloadHash: new Uint8Array(row.payload_hash ?? new Uint8Array()),
          subjectKeyId: row.subject_key_id,
          payloadCiphertext: row.payload_ciphertext,
          payloadSalt: row.payload_salt,
          payloadClear: row.payload_clear,
        };
  return { index: Number(row.idx), entryId: String(row.entry_id), leafHash: new Uint8Array(row.leaf_hash), entry };
}

/**
 * The raw reads of `verity audit fsck`. Every query is by primary key range or returns at most one row, so a check of
 * a log of millions of entries streams it in pages with bounded memory.
 */
@Injectable()
export class AuditFsckRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Leaves with index ≥ `from`, in index order, at most `limit` (keyset pagination: a gap does not stop the read). */
  async leavesFrom(logId: string, from: number, limit: number): Promise<FsckLeafRow[]> {
    const rows: LeafRow[] = await this.dataSource.query(
      `SELECT l.idx, l.entry_id, l.leaf_hash, e.log_id, ${RECORDED_AT_SQL} AS recorded_at, e.actor_type, e.actor_id,
              e.action, e.subject_type, e.subject_id, e.payload_hash, e.subject_key_id, e.payload_ciphertext,
              e.payload_salt, e.payload_clear
         FROM audit_leaves l LEFT JOIN audit_entries e ON e.id = l.entry_id
        WHERE l.log_id = $1 AND l.idx >= $2
        ORDER BY l.idx
        LIMIT $3`,
      [logId, from, limit],
    );
    return rows.map(toLeaf);
  }

  /**
   * Stored nodes (level ≥ 1) whose leaf range ends in (from, to]: exactly the subtrees completed by appending leaves
   * from..to-1. One index range per level, so the read costs O(to − from) rows whatever the log's length.
   */
  async nodesEndingIn(logId: string, from: number, to: number): Promise<Map<string, Uint8Array>> {
    const levels: number[] = [];
    const lows: number[] = [];
    const highs: number[] = [];
    for (let level = 1; 2 ** level <= to; level += 1) {
      const width = 2 ** level;
      // Node idx covers leaves [idx·w, (idx+1)·w): it ends in (from, to] when from < (idx+1)·w ≤ to.
      const low = Math.floor(from / width);
      const high = Math.floor(to / width) - 1;
      if (high < low) continue;
      levels.push(level);
      lows.push(low);
      highs.push(high);
    }
    const found = new Map<string, Uint8Array>();
    if (levels.length === 0) return found;
    const rows: { level: number; idx: string; hash: Buffer }[] = await this.dataSource.query(
      `SELECT n.level, n.idx, n.hash FROM audit_nodes n
         JOIN unnest($2::smallint[], $3::bigint[], $4::bigint[]) AS want(level, low, high)
           ON n.level = want.level AND n.idx BETWEEN want.low AND want.high
        WHERE n.log_id = $1`,
      [logId, levels, lows, highs],
    );
    for (const row of rows) found.set(`${row.level}/${row.idx}`, new Uint8Array(row.hash));
    return found;
  }

  /** A stored node that lies (partly) beyond the tree's size, lowest level first; such a node can only be planted. */
  async nodeBeyond(logId: string, size: number): Promise<SubtreeAddress | null> {
    // Node idx at level L reaches past the tree when (idx + 1)·2^L > size, i.e. idx ≥ floor(size / 2^L).
    const levels = Array.from({ length: 53 }, (_, i) => i + 1);
    const rows: { level: number; idx: string }[] = await this.dataSource.query(
      `SELECT n.level, n.idx FROM audit_nodes n
         JOIN unnest($2::smallint[], $3::bigint[]) AS past(level, low) ON n.level = past.level AND n.idx >= past.low
        WHERE n.log_id = $1
        ORDER BY n.level, n.idx LIMIT 1`,
      [logId, levels, levels.map((level) => Math.floor(size / 2 ** level))],
    );
    return rows[0] ? { level: Number(rows[0].level), index: Number(rows[0].idx) } : null;
  }

  /** An entry that more than one leaf points to (the unique constraint would have to be gone), first by index. */
  async entryListedTwice(logId: string): Promise<{ entryId: string; indexes: number[] } | null> {
    const rows: { entry_id: string; indexes: string[] }[] = await this.dataSource.query(
      `SELECT entry_id, array_agg(idx ORDER BY idx) AS indexes FROM audit_leaves
        WHERE log_id = $1 GROUP BY entry_id HAVING count(*) > 1
        ORDER BY min(idx) LIMIT 1`,
      [logId],
    );
    return rows[0] ? { entryId: String(rows[0].entry_id), indexes: rows[0].indexes.map(Number) } : null;
  }

  /** A committed entry of the log that is neither a leaf nor waiting for the sequencer: it fell out of the tree. */
  async entryOutsideTree(logId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT e.id FROM audit_entries e
        WHERE e.log_id = $1
          AND NOT EXISTS (SELECT 1 FROM audit_leaves l WHERE l.entry_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM audit_unsequenced_entries u WHERE u.entry_id = e.id)
        ORDER BY e.id LIMIT 1`,
      [logId],
    );
    return rows[0] ? String(rows[0].id) : null;
  }

  /** Entries committed but not yet in the tree (normal while the sequencer works). */
  async pendingCount(logId: string): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(
      'SELECT count(*) AS n FROM audit_unsequenced_entries WHERE log_id = $1',
      [logId],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
