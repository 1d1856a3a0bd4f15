import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { JobProducer } from '@platform/queue';
import { AuditLedger } from '@domains/audit';
import type { ListEntryRecord } from '../lists/list-entry.js';
import { ListFormatError } from '../lists/list-format.error.js';
import { ScreeningIndexService } from '../index/screening-index.service.js';
import { screeningQueue } from '../screening.queue.js';
import { hashCanonical } from './list-entry.hasher.js';
import { parseListFiles } from './list-file.parser.js';
import type { ScreeningListVersionEntity } from './screening-list-version.entity.js';
import { ScreeningListRepository, type NewListDelta, type NewListEntry } from './screening-list.repository.js';

export type ListImportOutcome = 'activated' | 'failed' | 'skipped';

const STORE_CHUNK = 2000;

/** The delta of `next` against `previous` (external id → hash and name), sorted by external id within each change. */
export function listDelta(
  previous: ReadonlyMap<string, { hash: string; name: string }>,
  next: ReadonlyMap<string, { hash: string; name: string }>,
): NewListDelta[] {
  const deltas: NewListDelta[] = [];
  for (const [externalId, entry] of next) {
    const before = previous.get(externalId);
    if (!before)
      deltas.push({ change: 'added', externalId, name: entry.name, previousHash: null, contentHash: entry.hash });
    else if (before.hash !== entry.hash) {
      deltas.push({
        change: 'changed',
        externalId,
        name: entry.name,
        previousHash: before.hash,
        contentHash: entry.hash,
      });
    }
  }
  for (const [externalId, before] of previous) {
    if (!next.has(externalId)) {
      deltas.push({ change: 'removed', externalId, name: before.name, previousHash: before.hash, contentHash: null });
    }
  }
  return deltas.sort((a, b) => a.change.localeCompare(b.change) || a.externalId.localeCompare(b.externalId));
}

/**
 * The import job: parse the stored files, store the entries, compute the delta against the active version and
 * activate the new version atomically (or mark it failed with the parser's message, leaving the active version as it
 * was). Idempotent: a version no longer `importing` is skipped, and stored entries are not inserted twice.
 */
@Injectable()
export class ListImportJobService {
  private readonly logger = new Logger(ListImportJobService.name);

  constructor(
    private readonly lists: ScreeningListRepository,
    private readonly transactions: TransactionRunner,
    private readonly jobs: JobProducer,
    private readonly ledger: AuditLedger,
    private readonly index: ScreeningIndexService,
  ) {}

  async run(tenantId: string, versionId: string): Promise<ListImportOutcome> {
    const version = await this.transactions.run((tx) => this.lists.findVersion(tx, tenantId, versionId), { tenantId });
    if (!version || version.status !== 'importing' || !version.files) return 'skipped';
    const list = await this.transactions.run((tx) => this.lists.findList(tx, tenantId, version.listId), { tenantId });
    if (!list) return 'skipped';
    await this.progress(tenantId, versionId, 5, 'parsing');

    let entries: NewListEntry[];
    try {
      entries = uniqueEntries(parseListFiles(list.source, version.files, version.format).entries);
    } catch (error) {
      const message =
        error instanceof ListFormatError
          ? error.message
          : `the files could not be read (${error instanceof Error ? error.message : String(error)})`;
      await this.fail(tenantId, version, list.source, message);
      return 'failed';
    }

    await this.progress(tenantId, versionId, 20, 'storing');
    for (let i = 0; i < entries.length; i += STORE_CHUNK) {
      await this.transactions.run(
        async (tx) => {
          await this.lists.insertEntries(tx, tenantId, versionId, entries.slice(i, i + STORE_CHUNK));
          await this.lists.updateVersion(tx, tenantId, versionId, {
            progress: 20 + Math.floor((70 * Math.min(entries.length, i + STORE_CHUNK)) / entries.length),
          });
        },
        { tenantId },
      );
    }

    await this.progress(tenantId, versionId, 90, 'comparing');
    const outcome = await this.transactions.run(
      async (tx): Promise<ListImportOutcome> => {
        const locked = await this.lists.findListForUpdate(tx, tenantId, list.id);
        const current = await this.lists.findVersion(tx, tenantId, versionId);
        if (!locked || current?.status !== 'importing') return 'skipped';
        const previousId = locked.activeVersionId;
        const previous = previousId ? await this.lists.entryHashes(tx, tenantId, previousId) : new Map();
        const next = new Map(entries.map((e) => [e.externalId, { hash: e.contentHash, name: e.name }]));
        const deltas = listDelta(previous, next);
        await this.lists.insertDeltas(tx, tenantId, versionId, deltas);
        const counts = {
          added: deltas.filter((d) => d.change === 'added').length,
          removed: deltas.filter((d) => d.change === 'removed').length,
          changed: deltas.filter((d) => d.change === 'changed').length,
        };
        if (previousId) await this.lists.updateVersion(tx, tenantId, previousId, { status: 'superseded' });
        const rescreen = counts.added + counts.changed > 0;
        await this.lists.updateVersion(tx, tenantId, versionId, {
          status: 'active',
          progress: 100,
          stage: 'done',
          files: null,
          entryCount: entries.length,
          addedCount: counts.added,
          removedCount: counts.removed,
          changedCount: counts.changed,
          previousVersionId: previousId,
          finishedAt: new Date(),
          rescreenStatus: rescreen ? 'queued' : null,
          rescreenProgress: rescreen ? 0 : null,
        });
        await this.lists.setActiveVersion(tx, tenantId, list.id, versionId);
        if (rescreen) {
          await this.jobs.enqueue(
            tx,
            screeningQueue,
            'screening.subjects.rescreen',
            { tenantId, versionId },
            { jobId: `screening-rescreen-${versionId}` },
          );
        }
        await this.ledger.record(tx, {
          tenantId,
          actor: { type: 'system', id: 'screening-import' },
          action: 'screening.list.imported',
          subject: { type: 'screening_list', id: list.id },
          payload: {
            source: list.source,
            versionId,
            number: version.number,
            previousVersionId: previousId,
            entries: entries.length,
            delta: counts,
            fileHashes: version.fileHashes,
            requestedBy: version.requestedBy,
          },
        });
        return 'activated';
      },
      { tenantId },
    );
    if (outcome === 'activated') {
      this.index.invalidate(tenantId);
      this.logger.log(`screening list ${list.source} v${version.number} of tenant ${tenantId} active`);
    }
    return outcome;
  }

  private async progress(tenantId: string, versionId: string, progress: number, stage: string): Promise<void> {
    await this.transactions.run((tx) => this.lists.updateVersion(tx, tenantId, versionId, { progress, stage }), {
      tenantId,
    });
  }

  private async fail(
    tenantId: string,
    version: ScreeningListVersionEntity,
    source: string,
    message: string,
  ): Promise<void> {
    await this.transactions.run(
      async (tx) => {
        await this.lists.updateVersion(tx, tenantId, version.id, {
          status: 'failed',
          stage: 'failed',
          error: message,
          files: null,
          finishedAt: new Date(),
        });
        await this.ledger.record(tx, {
          tenantId,
          actor: { type: 'system', id: 'screening-import' },
          action: 'screening.list.import_failed',
          subject: { type: 'screening_list', id: version.listId },
          payload: {
            source,
            versionId: version.id,
            number: version.number,
            error: message,
            fileHashes: version.fileHashes,
          },
        });
      },
      { tenantId },
    );
    this.logger.warn(`screening list ${source} v${version.number} of tenant ${tenantId} failed: ${message}`);
  }
}

/** One entry per external id (the last one published wins), with its content hash. */
function uniqueEntries(records: readonly ListEntryRecord[]): NewListEntry[] {
  const byId = new Map<string, NewListEntry>();
  for (const record of records) {
    byId.set(record.externalId, {
      externalId: record.externalId,
      name: record.name,
      record,
      contentHash: hashCanonical(record),
    });
  }
  return [...byId.values()];
}
