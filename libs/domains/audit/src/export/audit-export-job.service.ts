import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { TenantContext } from '@platform/database';
import { DomainError } from '@platform/errors';
import { AuditExportRepository } from './audit-export.repository.js';
import { AuditExportService } from './audit-export.service.js';
import { EvidencePackArchiver } from './evidence-pack.archiver.js';
import { evidencePackArchiveName } from './evidence-pack-archive.name.js';

/** Progress is written to the row at most this often (the UI polls every second). */
export const AUDIT_EXPORT_PROGRESS_INTERVAL_MS = 250;

/** How one run of the build job ended. */
export type AuditExportJobOutcome =
  /** The pack is stored and recorded. */
  | 'succeeded'
  /** The export is marked failed with the problem's message. */
  | 'failed'
  /** The export had already finished (a redelivered or concurrent job): nothing was done. */
  | 'skipped';

/** Thrown inside the recording transaction to roll it back when another run finished the export first. */
class AlreadyFinished extends Error {}

/**
 * The worker's side of an export requested over HTTP: marks it running, writes the pack into a fresh scratch folder
 * with `AuditExportService.export` (reporting progress), archives it as a .tar.gz and stores it — the archive, the
 * row's success and the `audit.export.created` entry in one transaction, after locking the row and checking that no
 * other run finished it, so a redelivered job never leaves two packs or two entries. The scratch folder is removed.
 */
@Injectable()
export class AuditExportJobService {
  private readonly logger = new Logger('AuditExport');

  constructor(
    private readonly exports: AuditExportRepository,
    private readonly exporter: AuditExportService,
    private readonly archiver: EvidencePackArchiver,
  ) {}

  /**
   * @param finalAttempt whether the queue will not retry after this run: an unexpected error (the database went
   *   away, kind `unavailable`) is rethrown for a retry unless it is the last attempt; any other domain error (the
   *   selection cannot be exported) fails the export at once, since a retry would fail the same way.
   */
  run(tenantId: string, exportId: string, finalAttempt: boolean): Promise<AuditExportJobOutcome> {
    // Every read and write of the job is the export's tenant's (row-level security): one scope around all of it.
    return TenantContext.run(tenantId, () => this.build(tenantId, exportId, finalAttempt));
  }

  private async build(tenantId: string, exportId: string, finalAttempt: boolean): Promise<AuditExportJobOutcome> {
    const started = await this.exports.markRunning(tenantId, exportId);
    if (!started) return 'skipped';

    const directory = await this.archiver.scratchFolder();
    let lastProgress = 0;
    try {
      await this.exporter.export({
        tenantId,
        selection: started.selection,
        directory,
        actor: started.requestedBy,
        exportId,
        onProgress: async (done, total) => {
          const now = Date.now();
          if (done !== 0 && now - lastProgress < AUDIT_EXPORT_PROGRESS_INTERVAL_MS) return;
          lastProgress = now;
          await this.exports.updateProgress(tenantId, exportId, done, total);
        },
        commit: async (tx, recorded) => {
          if ((await this.exports.lockStatus(tx, tenantId, exportId)) !== 'running') throw new AlreadyFinished();
          const archive = await this.archiver.archive(directory, evidencePackArchiveName(recorded.origin, exportId));
          await this.exports.markSucceeded(tx, tenantId, exportId, {
            archive,
            archiveSha256: createHash('sha256').update(archive).digest(),
            recordedEntryId: recorded.entryId,
          });
        },
      });
      return 'succeeded';
    } catch (error) {
      if (error instanceof AlreadyFinished) return 'skipped';
      const transient = !(error instanceof DomainError) || error.kind === 'unavailable';
      if (transient && !finalAttempt) throw error;
      // An unexpected error's text may name internals (SQL, paths): it goes to the log, not to the row the UI shows.
      const message =
        error instanceof DomainError
          ? `${error.code}: ${error.message}`
          : 'the worker failed unexpectedly on every attempt; its log names the error';
      this.logger.warn(
        `export ${exportId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      await this.exports.markFailed(tenantId, exportId, message);
      return 'failed';
    } finally {
      await this.archiver.remove(directory);
    }
  }
}
