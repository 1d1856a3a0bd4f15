import { defineQueue } from '@platform/queue';

/** Jobs of the audit domain: the producer/consumer contract. */
export interface AuditJobs {
  /**
   * Anchors the latest checkpoint of every log with every configured anchor that has not anchored it yet (a job
   * scheduler runs it every AUDIT_ANCHOR_INTERVAL_SECONDS). Idempotent: a checkpoint holds one receipt per anchor kind.
   */
  'audit.checkpoints.anchor': Record<string, never>;
}

export const auditQueue = defineQueue<AuditJobs>()('audit');

/** Evidence packs requested over HTTP, built by the worker (a queue of their own: a long export never delays anchoring). */
export interface AuditExportJobs {
  /**
   * Builds the pack of one `audit_exports` row and stores it as a .tar.gz. Idempotent by the export id: a finished
   * export is skipped, and the pack, its row and its `audit.export.created` entry commit together once.
   */
  'audit.export.build': { readonly tenantId: string; readonly exportId: string };
}

export const auditExportQueue = defineQueue<AuditExportJobs>()('audit-exports');
