import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '@platform/database';
import type { SubtreeAddress } from '../tree/subtree-hash.source.js';
import { subtreeKey } from './stored-subtree.source.js';

/**
 * Class id of the sequencer's advisory lock ("audt"); the object id is the log id. The two-key form never collides
 * with single-key locks such as the migration lock.
 */
export const AUDIT_SEQUENCER_LOCK_CLASS = 0x61756474;

export interface NewLeaf {
  readonly index: number;
  readonly entryId: string;
  readonly leafHash: Uint8Array;
}

export interface NewNode extends SubtreeAddress {
  readonly hash: Uint8Array;
}

/** A log with entries that no signed checkpoint covers yet, and the checkpoint it is stuck behind. */
export interface WaitingLog {
  readonly logId: string;
  /** Id of the log's latest checkpoint (null before its first): it changes whenever the log makes progress. */
  readonly latestCheckpointId: string | null;
}

export interface AuditBacklog {
  /** Committed entries not yet in a tree. */
  readonly pending: number;
  /** Age of the oldest of them (0 when none). */
  readonly oldestPendingAgeSeconds: number;
  /** Age of the oldest entry not yet covered by a signed checkpoint, sequenced or not (0 when none). */
  readonly oldestUncheckpointedAgeSeconds: number;
  /** Age of the newest checkpoint of any log (null before the first). */
  readonly newestCheckpointAgeSeconds: number | null;
  /** Leaves in all trees: every entry ever appended. */
  readonly appended: number;
  readonly waitingLogs: readonly WaitingLog[];
}

@Injectable()
export class AuditTreeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Makes this transaction the log's only sequencer until it ends, or returns false at once when another holds it.
   * A transaction-scoped lock is released by commit, rollback, or the death of the connection (kill -9), so a
   * crashed sequencer never blocks the next one.
   */
  async tryLock(tx: Tx, logId: string): Promise<boolean> {
    const rows: { locked: boolean }[] = await tx.query('SELECT pg_try_advisory_xact_lock($1, $2::int) AS locked', [
      AUDIT_SEQUENCER_LOCK_CLASS,
      logId,
    ]);
    return rows[0]?.locked === true;
  }

  /** Leaves in the log's tree: one more than the highest index, read from the end of the primary key. */
  async size(logId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows: { idx: string }[] = await manager.query(
      'SELECT idx FROM audit_leaves WHERE log_id = $1 ORDER BY idx DESC LIMIT 1',
      [logId],
    );
    return rows[0] ? Number(rows[0].idx) + 1 : 0;
  }

  async insertLeaves(tx: Tx, logId: string, leaves: readonly NewLeaf[]): Promise<void> {
    if (leaves.length === 0) return;
    await tx.query(
      `INSERT INTO audit_leaves (log_id, idx, entry_id, leaf_hash)
       SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bytea[])`,
      [logId, leaves.map((l) => l.index), leaves.map((l) => l.entryId), leaves.map((l) => Buffer.from(l.leafHash))],
    );
  }

  async insertNodes(tx: Tx, logId: string, nodes: readonly NewNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await tx.query(
      `INSERT INTO audit_nodes (log_id, level, idx, hash)
       SELECT $1, * FROM unnest($2::smallint[], $3::bigint[], $4::bytea[])`,
      [logId, nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => Buffer.from(n.hash))],
    );
  }

  async removeUnsequenced(tx: Tx, entryIds: readonly string[]): Promise<void> {
    if (entryIds.length === 0) return;
    await tx.query('DELETE FROM audit_unsequenced_entries WHERE entry_id = ANY($1::bigint[])', [entryIds]);
  }

  /** Stored perfect-subtree hashes (level 0 from the leaves) in one round trip, keyed by subtreeKey. */
  async subtreeHashes(
    logId: string,
    addresses: readonly SubtreeAddress[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    if (addresses.length === 0) return found;
    const leaves = addresses.filter((a) => a.level === 0).map((a) => a.index);
    const nodes = addresses.filter((a) => a.level > 0);
    const rows: { level: number; idx: string; hash: Buffer }[] = await manager.query(
      `SELECT 0 AS level, idx, leaf_hash AS hash FROM audit_leaves WHERE log_id = $1 AND idx = ANY($2::bigint[])
       UNION ALL
       SELECT n.level, n.idx, n.hash FROM audit_nodes n
         JOIN unnest($3::smallint[], $4::bigint[]) AS want(level, idx) ON want.level = n.level AND want.idx = n.idx
        WHERE n.log_id = $1`,
      [logId, leaves, nodes.map((n) => n.level), nodes.map((n) => n.index)],
    );
    for (const row of rows) found.set(subtreeKey(Number(row.level), Number(row.idx)), new Uint8Array(row.hash));
    return found;
  }

  /** What monitoring and readiness need, across every log: one row per log (index lookups) and the totals. */
  async backlog(): Promise<AuditBacklog> {
    const heads: {
      id: string;
      size: string;
      covered: string;
      checkpoint_id: string | null;
      has_pending: boolean;
      uncovered_leaf_age: number | null;
    }[] = await this.dataSource.query(
      // SECURITY DEFINER functions: monitoring sees every log's head and totals, never an entry.
      'SELECT id, size, covered, checkpoint_id, has_pending, uncovered_leaf_age FROM verity_audit_backlog_heads()',
    );
    const totals: { pending: string; oldest_pending: number | null; newest_checkpoint: number | null }[] =
      await this.dataSource.query(
        'SELECT pending, oldest_pending, newest_checkpoint FROM verity_audit_backlog_totals()',
      );
    const total = totals[0];
    const oldestPending = Math.max(0, total?.oldest_pending ?? 0);
    const waiting = heads.filter((h) => h.has_pending || Number(h.size) > Number(h.covered));
    return {
      pending: Number(total?.pending ?? 0),
      oldestPendingAgeSeconds: oldestPending,
      oldestUncheckpointedAgeSeconds: Math.max(oldestPending, ...waiting.map((h) => h.uncovered_leaf_age ?? 0)),
      newestCheckpointAgeSeconds: total?.newest_checkpoint ?? null,
      appended: heads.reduce((sum, h) => sum + Number(h.size), 0),
      waitingLogs: waiting.map((h) => ({
        logId: String(h.id),
        latestCheckpointId: h.checkpoint_id === null ? null : String(h.checkpoint_id),
      })),
    };
  }
}
