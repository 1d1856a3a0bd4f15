import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { ListEntryRecord } from '../lists/list-entry.js';
import { ScreeningListDeltaEntity, type ListDeltaChange } from './screening-list-delta.entity.js';
import { ScreeningListEntryEntity } from './screening-list-entry.entity.js';
import { ScreeningListVersionEntity } from './screening-list-version.entity.js';
import { ScreeningListEntity, type ListSource } from './screening-list.entity.js';

/** An entry of an active version, as the index and the re-screening need it. */
export interface ActiveListEntry {
  readonly listId: string;
  readonly source: ListSource;
  readonly versionId: string;
  readonly externalId: string;
  readonly contentHash: string;
  readonly record: ListEntryRecord;
}

export interface NewListEntry {
  readonly externalId: string;
  readonly name: string;
  readonly record: ListEntryRecord;
  readonly contentHash: string;
}

export interface NewListDelta {
  readonly change: ListDeltaChange;
  readonly externalId: string;
  readonly name: string;
  readonly previousHash: string | null;
  readonly contentHash: string | null;
}

const INSERT_BATCH = 500;

/** Lists, their versions, entries and deltas; every method takes the transaction and the tenant. */
@Injectable()
export class ScreeningListRepository {
  /** The tenant's list for a source, created on first use (one list per source and tenant). */
  async ensureList(tx: Tx, tenantId: string, source: ListSource, name: string): Promise<ScreeningListEntity> {
    await tx.query(
      `INSERT INTO screening_lists (tenant_id, source, name) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, source) DO NOTHING`,
      [tenantId, source, name],
    );
    const list = await tx
      .createQueryBuilder(ScreeningListEntity, 'l')
      .setLock('pessimistic_write')
      .where('l.tenantId = :tenantId AND l.source = :source', { tenantId, source })
      .getOne();
    if (!list) throw new Error(`screening list ${source} vanished after its upsert`);
    return list;
  }

  lists(tx: Tx, tenantId: string): Promise<ScreeningListEntity[]> {
    return tx.find(ScreeningListEntity, { where: { tenantId }, order: { source: 'ASC' } });
  }

  findList(tx: Tx, tenantId: string, id: string): Promise<ScreeningListEntity | null> {
    return tx.findOneBy(ScreeningListEntity, { tenantId, id });
  }

  /** The list, locked until the transaction ends (activation and new imports are serialised per list). */
  findListForUpdate(tx: Tx, tenantId: string, id: string): Promise<ScreeningListEntity | null> {
    return tx
      .createQueryBuilder(ScreeningListEntity, 'l')
      .setLock('pessimistic_write')
      .where('l.tenantId = :tenantId AND l.id = :id', { tenantId, id })
      .getOne();
  }

  async setActiveVersion(tx: Tx, tenantId: string, listId: string, versionId: string): Promise<void> {
    await tx.update(
      ScreeningListEntity,
      { tenantId, id: listId },
      { activeVersionId: versionId, updatedAt: new Date() },
    );
  }

  async nextVersionNumber(tx: Tx, tenantId: string, listId: string): Promise<number> {
    const [row] = await tx.query<{ next: number }[]>(
      `SELECT COALESCE(MAX(number), 0) + 1 AS next FROM screening_list_versions WHERE tenant_id = $1 AND list_id = $2`,
      [tenantId, listId],
    );
    return Number(row?.next ?? 1);
  }

  insertVersion(
    tx: Tx,
    version: Pick<
      ScreeningListVersionEntity,
      'tenantId' | 'listId' | 'number' | 'format' | 'fileHashes' | 'files' | 'requestedBy'
    >,
  ): Promise<ScreeningListVersionEntity> {
    return tx.save(tx.create(ScreeningListVersionEntity, { ...version, status: 'importing', stage: 'queued' }));
  }

  findImporting(tx: Tx, tenantId: string, listId: string): Promise<ScreeningListVersionEntity | null> {
    return tx.findOneBy(ScreeningListVersionEntity, { tenantId, listId, status: 'importing' });
  }

  findVersion(tx: Tx, tenantId: string, id: string): Promise<ScreeningListVersionEntity | null> {
    return tx.findOneBy(ScreeningListVersionEntity, { tenantId, id });
  }

  findVersionByNumber(
    tx: Tx,
    tenantId: string,
    listId: string,
    number: number,
  ): Promise<ScreeningListVersionEntity | null> {
    return tx.findOneBy(ScreeningListVersionEntity, { tenantId, listId, number });
  }

  versions(tx: Tx, tenantId: string, listId: string): Promise<ScreeningListVersionEntity[]> {
    return tx.find(ScreeningListVersionEntity, {
      where: { tenantId, listId },
      order: { number: 'DESC' },
      // The uploaded files can be megabytes: never read them for a listing.
      select: {
        id: true,
        tenantId: true,
        listId: true,
        number: true,
        status: true,
        progress: true,
        stage: true,
        format: true,
        fileHashes: true,
        entryCount: true,
        addedCount: true,
        removedCount: true,
        changedCount: true,
        error: true,
        previousVersionId: true,
        requestedBy: true,
        createdAt: true,
        finishedAt: true,
        rescreenStatus: true,
        rescreenProgress: true,
      },
    });
  }

  async updateVersion(
    tx: Tx,
    tenantId: string,
    id: string,
    changes: Partial<Omit<ScreeningListVersionEntity, 'id' | 'tenantId' | 'listId'>>,
  ): Promise<void> {
    await tx.update(ScreeningListVersionEntity, { tenantId, id }, changes);
  }

  async insertEntries(tx: Tx, tenantId: string, versionId: string, entries: readonly NewListEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += INSERT_BATCH) {
      // A redelivered job finds some entries stored already: they are the same, keep them.
      await tx
        .createQueryBuilder()
        .insert()
        .into(ScreeningListEntryEntity)
        .values(entries.slice(i, i + INSERT_BATCH).map((e) => ({ tenantId, versionId, ...e })))
        .orIgnore()
        .execute();
    }
  }

  /** External id → content hash of a version's entries (for the delta). */
  async entryHashes(tx: Tx, tenantId: string, versionId: string): Promise<Map<string, { hash: string; name: string }>> {
    const rows = await tx.query<{ external_id: string; content_hash: string; name: string }[]>(
      `SELECT external_id, content_hash, name FROM screening_list_entries WHERE tenant_id = $1 AND version_id = $2`,
      [tenantId, versionId],
    );
    return new Map(rows.map((r) => [r.external_id, { hash: r.content_hash, name: r.name }]));
  }

  async insertDeltas(tx: Tx, tenantId: string, versionId: string, deltas: readonly NewListDelta[]): Promise<void> {
    for (let i = 0; i < deltas.length; i += INSERT_BATCH) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(ScreeningListDeltaEntity)
        .values(deltas.slice(i, i + INSERT_BATCH).map((d) => ({ tenantId, versionId, ...d })))
        .orIgnore()
        .execute();
    }
  }

  deltas(
    tx: Tx,
    tenantId: string,
    versionId: string,
    filter: { change?: ListDeltaChange; limit: number; offset: number },
  ): Promise<ScreeningListDeltaEntity[]> {
    return tx.find(ScreeningListDeltaEntity, {
      where: { tenantId, versionId, ...(filter.change ? { change: filter.change } : {}) },
      order: { change: 'ASC', externalId: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  /** A cheap fingerprint of which versions are active: changes whenever an import activates. */
  async activeStamp(tx: Tx, tenantId: string): Promise<string> {
    const rows = await tx.query<{ id: string; active_version_id: string }[]>(
      `SELECT id, active_version_id FROM screening_lists WHERE tenant_id = $1 AND active_version_id IS NOT NULL ORDER BY id`,
      [tenantId],
    );
    return rows.map((r) => `${r.id}:${r.active_version_id}`).join(',');
  }

  /** Every entry of the tenant's active versions (or of the given versions' given external ids). */
  async activeEntries(tx: Tx, tenantId: string): Promise<ActiveListEntry[]> {
    const rows = await tx.query<EntryRow[]>(
      `SELECT l.id AS list_id, l.source, e.version_id, e.external_id, e.content_hash, e.record
         FROM screening_lists l JOIN screening_list_entries e ON e.version_id = l.active_version_id
        WHERE l.tenant_id = $1 AND e.tenant_id = $1`,
      [tenantId],
    );
    return rows.map(toActiveEntry);
  }

  /** The entries of a version that its delta marks added or changed. */
  async addedOrChangedEntries(tx: Tx, tenantId: string, versionId: string): Promise<ActiveListEntry[]> {
    const rows = await tx.query<EntryRow[]>(
      `SELECT v.list_id, l.source, e.version_id, e.external_id, e.content_hash, e.record
         FROM screening_list_deltas d
         JOIN screening_list_entries e ON e.version_id = d.version_id AND e.external_id = d.external_id
         JOIN screening_list_versions v ON v.id = d.version_id
         JOIN screening_lists l ON l.id = v.list_id
        WHERE d.tenant_id = $1 AND d.version_id = $2 AND d.change IN ('added', 'changed')`,
      [tenantId, versionId],
    );
    return rows.map(toActiveEntry);
  }
}

interface EntryRow {
  list_id: string;
  source: ListSource;
  version_id: string;
  external_id: string;
  content_hash: string;
  record: ListEntryRecord;
}

function toActiveEntry(r: EntryRow): ActiveListEntry {
  return {
    listId: r.list_id,
    source: r.source,
    versionId: r.version_id,
    externalId: r.external_id,
    contentHash: r.content_hash,
    record: r.record,
  };
}
