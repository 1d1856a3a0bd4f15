import { describe, expect, it, vi } from 'vitest';
import type { Tx } from '@platform/database';
import { PlatformError } from '@platform/errors';
import { AuditExportError } from './audit-export.errors.js';
import { AuditExportJobService } from './audit-export-job.service.js';
import type { AuditExportRecord, AuditExportRepository } from './audit-export.repository.js';
import type { AuditExportRequest, AuditExportService } from './audit-export.service.js';
import type { AuditExportStatus } from './audit-export.entity.js';

const TENANT = '00000000-0000-4000-8000-000000000001';
const EXPORT = '00000000-0000-4000-8000-0000000000e1';
const tx = {} as Tx;

const running: AuditExportRecord = {
  id: EXPORT,
  tenantId: TENANT,
  requestedBy: { type: 'user', id: 'u-1' },
  selection: { kind: 'index-range', start: 0, end: 3 },
  status: 'running',
  progress: { done: 0, total: null },
  error: null,
  createdAt: new Date(),
  startedAt: new Date(),
  finishedAt: null,
  archiveSha256: null,
  archiveSize: null,
  recordedEntryId: null,
};

/** The job over mocked storage; `exportWith` plays AuditExportService.export. */
function setup(options: {
  started?: AuditExportRecord | null;
  lockedStatus?: AuditExportStatus;
  exportWith?: (request: AuditExportRequest) => Promise<void>;
}) {
  const exports = {
    markRunning: vi.fn(() => Promise.resolve(options.started === undefined ? running : options.started)),
    updateProgress: vi.fn(() => Promise.resolve()),
    lockStatus: vi.fn(() => Promise.resolve(options.lockedStatus ?? 'running')),
    markSucceeded: vi.fn(() => Promise.resolve()),
    markFailed: vi.fn(() => Promise.resolve(true)),
  };
  const archiver = {
    scratchFolder: vi.fn(() => Promise.resolve('/tmp/verity-evidence-test')),
    archive: vi.fn(() => Promise.resolve(Buffer.from('archive'))),
    remove: vi.fn(() => Promise.resolve()),
  };
  const exporter = {
    export: vi.fn(async (request: AuditExportRequest) => {
      if (options.exportWith) return options.exportWith(request);
      await request.onProgress?.(0, 3);
      await request.onProgress?.(3, 3);
      await request.commit?.(tx, { entryId: '42', origin: 'verity.local/acme' });
    }),
  };
  const service = new AuditExportJobService(
    exports as unknown as AuditExportRepository,
    exporter as unknown as AuditExportService,
    archiver,
  );
  return { service, exports, archiver, exporter };
}

describe('AuditExportJobService', () => {
  it('builds the pack, archives it under evidence-<origin>-<id> and stores it with the recorded entry', async () => {
    const { service, exports, archiver, exporter } = setup({});
    expect(await service.run(TENANT, EXPORT, false)).toBe('succeeded');
    expect(exporter.export).toHaveBeenCalledWith(
      expect.objectContaining({
        tenantId: TENANT,
        selection: running.selection,
        directory: '/tmp/verity-evidence-test',
        actor: running.requestedBy,
        exportId: EXPORT,
      }),
    );
    expect(exports.updateProgress).toHaveBeenCalledWith(TENANT, EXPORT, 0, 3);
    expect(archiver.archive).toHaveBeenCalledWith('/tmp/verity-evidence-test', `evidence-verity.local-acme-${EXPORT}`);
    expect(exports.markSucceeded).toHaveBeenCalledWith(tx, TENANT, EXPORT, {
      archive: Buffer.from('archive'),
      archiveSha256: expect.any(Buffer),
      recordedEntryId: '42',
    });
    expect(exports.markFailed).not.toHaveBeenCalled();
    expect(archiver.remove).toHaveBeenCalledWith('/tmp/verity-evidence-test');
  });

  it('does nothing for an export that has already finished', async () => {
    const { service, exporter, archiver } = setup({ started: null });
    expect(await service.run(TENANT, EXPORT, false)).toBe('skipped');
    expect(exporter.export).not.toHaveBeenCalled();
    expect(archiver.scratchFolder).not.toHaveBeenCalled();
  });

  it('rolls its entry back when another run finished the export meanwhile', async () => {
    const { service, exports, archiver } = setup({ lockedStatus: 'succeeded' });
    expect(await service.run(TENANT, EXPORT, false)).toBe('skipped');
    expect(archiver.archive).not.toHaveBeenCalled();
    expect(exports.markSucceeded).not.toHaveBeenCalled();
    expect(exports.markFailed).not.toHaveBeenCalled();
    expect(archiver.remove).toHaveBeenCalled();
  });

  it('marks the export failed with the code and message of a domain error, at once', async () => {
    const { service, exports, archiver } = setup({
      exportWith: () =>
        Promise.reject(new AuditExportError('audit/export_entry_tampered', 'unprocessable', 'the entry at 2 …')),
    });
    expect(await service.run(TENANT, EXPORT, false)).toBe('failed');
    expect(exports.markFailed).toHaveBeenCalledWith(TENANT, EXPORT, 'audit/export_entry_tampered: the entry at 2 …');
    expect(archiver.remove).toHaveBeenCalled();
  });

  it('leaves an unexpected or unavailable failure to the queue’s retry, and fails the export on the last attempt', async () => {
    const cases: [Error, string][] = [
      // Internals (SQL, paths) of an unexpected error go to the log, not to the row the UI shows.
      [
        new Error('connection to 10.0.0.7 terminated'),
        'the worker failed unexpectedly on every attempt; its log names the error',
      ],
      [
        new PlatformError('platform/database_unavailable', 'unavailable', 'down'),
        'platform/database_unavailable: down',
      ],
    ];
    for (const [error, shown] of cases) {
      const retried = setup({ exportWith: () => Promise.reject(error) });
      await expect(retried.service.run(TENANT, EXPORT, false)).rejects.toBe(error);
      expect(retried.exports.markFailed).not.toHaveBeenCalled();
      expect(retried.archiver.remove).toHaveBeenCalled();

      const last = setup({ exportWith: () => Promise.reject(error) });
      expect(await last.service.run(TENANT, EXPORT, true)).toBe('failed');
      expect(last.exports.markFailed).toHaveBeenCalledWith(TENANT, EXPORT, shown);
    }
  });
});
