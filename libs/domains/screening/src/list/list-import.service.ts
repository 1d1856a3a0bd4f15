import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { JobProducer } from '@platform/queue';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { ScreeningError, screeningNotFound } from '../screening.errors.js';
import { screeningQueue } from '../screening.queue.js';
import { hashText } from './list-entry.hasher.js';
import { LIST_FILES, LIST_NAMES } from './list-file.parser.js';
import type { ScreeningListDeltaEntity, ListDeltaChange } from './screening-list-delta.entity.js';
import type { ListImportFiles, ScreeningListVersionEntity } from './screening-list-version.entity.js';
import { LIST_SOURCES, type ListSource, type ScreeningListEntity } from './screening-list.entity.js';
import { ScreeningListRepository } from './screening-list.repository.js';

/** Largest accepted import file (the OFAC and UN lists are 1-2 MB each). */
export const LIST_IMPORT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ListImportRequest {
  readonly files: Readonly<Record<string, string | undefined>>;
  /** `csv` or `json`, for internal watchlists and PEP lists. */
  readonly format?: 'csv' | 'json';
}

export function isListSource(value: string): value is ListSource {
  return (LIST_SOURCES as readonly string[]).includes(value);
}

/**
 * List imports, the request side: checks the files, stores them on a new `importing` version and enqueues its job in
 * one transaction; the worker parses and activates it (ListImportJobService). Reads of lists, versions and deltas.
 */
@Injectable()
export class ListImportService {
  constructor(
    private readonly lists: ScreeningListRepository,
    private readonly transactions: TransactionRunner,
    private readonly jobs: JobProducer,
    private readonly ledger: AuditLedger,
  ) {}

  async requestImport(
    tenantId: string,
    actor: AuditActor,
    sourceName: string,
    request: ListImportRequest,
  ): Promise<ScreeningListVersionEntity> {
    if (!isListSource(sourceName)) {
      throw new ScreeningError(
        'screening/list_source_unknown',
        'not_found',
        `Unknown list source ${JSON.stringify(sourceName)}: use one of ${LIST_SOURCES.join(', ')}`,
      );
    }
    const source = sourceName;
    const files = checkedFiles(source, request);
    const format = source === 'internal_watchlist' || source === 'pep' ? (request.format ?? 'csv') : null;
    const fileHashes = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, hashText(text)]));
    return this.transactions.run(
      async (tx) => {
        const list = await this.lists.ensureList(tx, tenantId, source, LIST_NAMES[source]);
        if (await this.lists.findImporting(tx, tenantId, list.id)) {
          throw new ScreeningError(
            'screening/import_in_progress',
            'conflict',
            `An import of ${source} is still running: wait for it to finish`,
          );
        }
        const number = await this.lists.nextVersionNumber(tx, tenantId, list.id);
        const version = await this.lists.insertVersion(tx, {
          tenantId,
          listId: list.id,
          number,
          format,
          fileHashes,
          files,
          requestedBy: `${actor.type}:${actor.id}`,
        });
        await this.jobs.enqueue(
          tx,
          screeningQueue,
          'screening.list.import',
          { tenantId, versionId: version.id },
          { jobId: `screening-import-${version.id}` },
        );
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'screening.list.import_requested',
          subject: { type: 'screening_list', id: list.id },
          payload: { source, versionId: version.id, number, format, fileHashes },
        });
        version.files = null;
        return version;
      },
      { tenantId },
    );
  }

  listsWithActive(
    tenantId: string,
  ): Promise<{ list: ScreeningListEntity; active: ScreeningListVersionEntity | null }[]> {
    return this.transactions.run(
      async (tx) => {
        const found = [];
        for (const list of await this.lists.lists(tx, tenantId)) {
          const active = list.activeVersionId ? await this.lists.findVersion(tx, tenantId, list.activeVersionId) : null;
          if (active) active.files = null;
          found.push({ list, active });
        }
        return found;
      },
      { tenantId },
    );
  }

  versions(tenantId: string, listId: string): Promise<ScreeningListVersionEntity[]> {
    return this.transactions.run(
      async (tx) => {
        if (!(await this.lists.findList(tx, tenantId, listId))) throw screeningNotFound('list');
        return this.lists.versions(tx, tenantId, listId);
      },
      { tenantId },
    );
  }

  delta(
    tenantId: string,
    listId: string,
    number: number,
    filter: { change?: ListDeltaChange; limit: number; offset: number },
  ): Promise<{ version: ScreeningListVersionEntity; deltas: ScreeningListDeltaEntity[] }> {
    return this.transactions.run(
      async (tx) => {
        const version = await this.lists.findVersionByNumber(tx, tenantId, listId, number);
        if (!version) throw screeningNotFound('list version');
        version.files = null;
        return { version, deltas: await this.lists.deltas(tx, tenantId, version.id, filter) };
      },
      { tenantId },
    );
  }
}

function checkedFiles(source: ListSource, request: ListImportRequest): ListImportFiles {
  const allowed = LIST_FILES[source];
  const files: ListImportFiles = {};
  for (const [name, text] of Object.entries(request.files)) {
    if (text === undefined) continue;
    if (!allowed.includes(name)) {
      throw new ScreeningError(
        'screening/import_files_invalid',
        'invalid',
        `${source} takes the files ${allowed.join(', ')}; ${JSON.stringify(name)} is not one of them`,
      );
    }
    if (Buffer.byteLength(text, 'utf8') > LIST_IMPORT_MAX_FILE_BYTES) {
      throw new ScreeningError(
        'screening/import_too_large',
        'too_large',
        `The file ${name} is larger than ${LIST_IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB`,
      );
    }
    files[name] = text;
  }
  const required = allowed[0];
  if (!files[required]?.trim()) {
    throw new ScreeningError(
      'screening/import_files_invalid',
      'invalid',
      `${source} needs the file ${JSON.stringify(required)} (not empty)`,
    );
  }
  return files;
}
