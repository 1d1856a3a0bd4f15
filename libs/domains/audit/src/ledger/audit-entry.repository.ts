import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, type Tx } from '@platform/database';
import type { AuditActorType } from './audit-event.types.js';

export interface NewAuditEntry {
  readonly logId: string;
  readonly actorType: AuditActorType;
  readonly actorId: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly payloadHash: Uint8Array;
  readonly subjectKeyId: string;
  readonly payloadCiphertext: Uint8Array;
}

/** An entry as stored, with its place in the tree once the sequencer has given it one. */
export interface StoredAuditEntry {
  readonly entryId: string;
  /** Leaf index; null while the entry waits for the sequencer. */
  readonly index: number | null;
  /** RFC 3339 UTC with microseconds, formatted by PostgreSQL so no precision is lost on the way. */
  readonly recordedAt: string;
  readonly actorType: AuditActorType;
  readonly actorId: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly payloadHash: Buffer;
  readonly subjectKeyId: string | null;
  readonly payloadCiphertext: Buffer | null;
  readonly payloadSalt: Buffer | null;
  readonly payloadClear: string | null;
  /** The leaf hash the tree holds for this entry (null while unsequenced). */
  readonly leafHash: Buffer | null;
}

interface EntryRow {
  id: string;
  idx: string | null;
  recorded_at: string;
  actor_type: AuditActorType;
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  payload_hash: Buffer;
  subject_key_id: string | null;
  payload_ciphertext: Buffer | null;
  payload_salt: Buffer | null;
  payload_clear: string | null;
  leaf_hash: Buffer | null;
}

/** The one spelling of database time in leaves: microseconds, UTC, a literal Z. */
export const RECORDED_AT_SQL = `to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const ENTRY_COLUMNS = `e.id, ${RECORDED_AT_SQL} AS recorded_at, e.actor_type, e.actor_id, e.action, e.subject_type,
  e.subject_id, e.payload_hash, e.subject_key_id, e.payload_ciphertext, e.payload_salt, e.payload_clear`;

function toStored(row: EntryRow): StoredAuditEntry {
  return {
    entryId: String(row.id),
    index: row.idx === null ? null : Number(row.idx),
    recordedAt: row.recorded_at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    payloadHash: row.payload_hash,
    subjectKeyId: row.subject_key_id,
    payloadCiphertext: row.payload_ciphertext,
    payloadSalt: row.payload_salt,
    payloadClear: row.payload_clear,
    leafHash: row.leaf_hash,
  };
}

/**
 * Many entries, each inserted only while its subject key still exists for its subject, in the order given, and put
 * on the sequencer's work list, in one statement. Answers the inserted ones by their payload hash (salted, so
 * distinct per entry).
 */
const INSERT_ENTRIES_UNDER_KEYS_SQL = `WITH v AS (
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[],
                       $9::text[])
    WITH ORDINALITY AS v(log_id, actor_type, actor_id, action, subject_type, subject_id, payload_hash, subject_key_id,
                         payload_ciphertext, ord)
), entry AS (
  INSERT INTO audit_entries
    (log_id, actor_type, actor_id, action, subject_type, subject_id, payload_hash, subject_key_id, payload_ciphertext)
  SELECT v.log_id, v.actor_type, v.actor_id, v.action, v.subject_type, v.subject_id, decode(v.payload_hash, 'hex'),
         v.subject_key_id, decode(v.payload_ciphertext, 'hex')
    FROM v
   WHERE EXISTS (SELECT 1 FROM audit_subject_keys k
                  WHERE k.id = v.subject_key_id AND k.subject_type = v.subject_type AND k.subject_id = v.subject_id)
   ORDER BY v.ord
  RETURNING id, log_id, payload_hash
), queued AS (
  INSERT INTO audit_unsequenced_entries (entry_id, log_id) SELECT id, log_id FROM entry
)
SELECT id, encode(payload_hash, 'hex') AS payload_hash FROM entry`;

@Injectable()
export class AuditEntryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts entries and puts them on the sequencer's work list, in one statement of the caller's transaction: each is
   * written only while its subject key still exists for its subject (a key the caller may remember from an earlier
   * entry, which an erasure may have deleted since). Answers, per entry in order, its id, or null when its key was gone (nothing written for it).
   */
  async insertManyUnderExistingKeys(tx: Tx, entries: readonly NewAuditEntry[]): Promise<(string | null)[]> {
    if (entries.length === 0) return [];
    const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
    const rows = await preparedQuery<{ id: string; payload_hash: string }>(
      tx,
      'verity_audit_entries_insert_under_keys',
      INSERT_ENTRIES_UNDER_KEYS_SQL,
      [
        entries.map((e) => e.logId),
        entries.map((e) => e.actorType),
        entries.map((e) => e.actorId),
        entries.map((e) => e.action),
        entries.map((e) => e.subjectType),
        entries.map((e) => e.subjectId),
        entries.map((e) => hex(e.payloadHash)),
        entries.map((e) => e.subjectKeyId),
        entries.map((e) => hex(e.payloadCiphertext)),
      ],
    );
    const idByHash = new Map(rows.map((r) => [r.payload_hash, String(r.id)]));
    return entries.map((e) => idByHash.get(hex(e.payloadHash)) ?? null);
  }

  /** Entries at leaf indexes [start, end) of a log, in index order. */
  async findByIndexRange(
    logId: string,
    start: number,
    end: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredAuditEntry[]> {
    const rows: EntryRow[] = await manager.query(
      `SELECT ${ENTRY_COLUMNS}, l.idx, l.leaf_hash
         FROM audit_leaves l JOIN audit_entries e ON e.id = l.entry_id
        WHERE l.log_id = $1 AND l.idx >= $2 AND l.idx < $3
        ORDER BY l.idx`,
      [logId, start, end],
    );
    return rows.map(toStored);
  }

  /**
   * Every sequenced entry of a log from `start` to `end` (exclusive), in pages of `pageSize`, for exports and fsck:
   * memory stays bounded whatever the log's length.
   */
  async *stream(logId: string, start: number, end: number, pageSize = 1_000): AsyncGenerator<StoredAuditEntry> {
    for (let from = start; from < end; from += pageSize) {
      const page = await this.findByIndexRange(logId, from, Math.min(end, from + pageSize));
      yield* page;
      if (page.length < Math.min(end, from + pageSize) - from) return;
    }
  }

  /**
   * Entries still waiting for the sequencer, oldest first (they have no index yet). The next `limit` ids are taken
   * from the work list's (log_id, entry_id) index first, and only those entries are read: as one join, under row-level
   * security and the statistics of a fast-growing log, PostgreSQL chose to hash-join the whole work list with the
   * whole log (seconds per batch at a backlog of 800,000; BENCHMARKS.md, audit ledger).
   */
  async findUnsequenced(logId: string, limit: number, manager: EntityManager): Promise<StoredAuditEntry[]> {
    const rows: EntryRow[] = await manager.query(
      `WITH next AS MATERIALIZED (
         SELECT entry_id FROM audit_unsequenced_entries WHERE log_id = $1 ORDER BY entry_id LIMIT $2
       )
       SELECT ${ENTRY_COLUMNS}, NULL AS idx, NULL AS leaf_hash
         FROM next u JOIN audit_entries e ON e.id = u.entry_id
        ORDER BY u.entry_id`,
      [logId, limit],
    );
    return rows.map(toStored);
  }

  /**
   * When the subject's newest entry was recorded, and whether that is less than `days` ago (database time): the
   * retention rule of erasure.
   */
  async newestForSubject(
    tx: Tx,
    tenantId: string,
    subjectType: string,
    subjectId: string,
    days: number,
  ): Promise<{ newestRecordedAt: Date; withinDays: boolean } | null> {
    const rows: { newest: Date | null; within: boolean | null }[] = await tx.query(
      `SELECT max(e.recorded_at) AS newest, max(e.recorded_at) > now() - make_interval(days => $4) AS within
         FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
        WHERE l.tenant_id = $1 AND e.subject_type = $2 AND e.subject_id = $3`,
      [tenantId, subjectType, subjectId, days],
    );
    const row = rows[0];
    if (!row?.newest) return null;
    return { newestRecordedAt: row.newest, withinDays: row.within === true };
  }

  /**
   * Sequenced entries about one subject with index below `beforeIndex` (a checkpoint's size), in index order, at most
   * `limit`: the selection of a subject's evidence pack.
   */
  async findBySubject(
    logId: string,
    subjectType: string,
    subjectId: string,
    beforeIndex: number,
    limit: number,
  ): Promise<StoredAuditEntry[]> {
    const rows: EntryRow[] = await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS}, l.idx, l.leaf_hash
         FROM audit_entries e JOIN audit_leaves l ON l.entry_id = e.id
        WHERE e.log_id = $1 AND e.subject_type = $2 AND e.subject_id = $3 AND l.log_id = $1 AND l.idx < $4
        ORDER BY l.idx
        LIMIT $5`,
      [logId, subjectType, subjectId, beforeIndex, limit],
    );
    return rows.map(toStored);
  }

  /** How many entries about one subject no checkpoint of size `checkpointSize` covers yet (sequenced or not). */
  async countBySubjectFrom(
    logId: string,
    subjectType: string,
    subjectId: string,
    checkpointSize: number,
  ): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM audit_entries e LEFT JOIN audit_leaves l ON l.entry_id = e.id
        WHERE e.log_id = $1 AND e.subject_type = $2 AND e.subject_id = $3 AND (l.idx IS NULL OR l.idx >= $4)`,
      [logId, subjectType, subjectId, checkpointSize],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
