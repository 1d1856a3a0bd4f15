import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { JobProducer } from '@platform/queue';
import { auditExportQueue } from '../audit.queue.js';
import type { AuditActor, AuditSubject } from '../ledger/audit-event.types.js';
import { AuditLedger } from '../ledger/audit-ledger.service.js';
import { AuditLogRepository } from '../ledger/audit-log.repository.js';
import { AuditExportError } from './audit-export.errors.js';
import { AuditExportRepository, type AuditExportRecord } from './audit-export.repository.js';
import { AuditExportService, type AuditExportSelection } from './audit-export.service.js';
import { evidencePackArchiveName } from './evidence-pack-archive.name.js';

/** Recorded in the tenant's log when an evidence pack is requested (the pack itself records `audit.export.created`). */
export const AUDIT_EXPORT_REQUESTED_ACTION = 'audit.export.requested';

/** What a caller asks to export: one data subject, or the entries with from ≤ index < to. */
export interface AuditExportSelectionInput {
  readonly subject?: AuditSubject;
  readonly from?: number;
  readonly to?: number;
}

/** A finished pack to download. */
export interface AuditExportDownload {
  /** `evidence-<origin>-<id>.tar.gz`. */
  readonly fileName: string;
  readonly archive: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Evidence packs requested over HTTP: the request is checked against the log as the export would check it (so a
 * request that cannot succeed stores nothing), then the row, its build job (outbox) and the
 * `audit.export.requested` entry commit in one transaction. The worker builds the pack (AuditExportJobService).
 */
@Injectable()
export class AuditExportRequestService {
  constructor(
    private readonly exports: AuditExportRepository,
    private readonly exporter: AuditExportService,
    private readonly logs: AuditLogRepository,
    private readonly ledger: AuditLedger,
    private readonly jobs: JobProducer,
    private readonly transactions: TransactionRunner,
  ) {}

  async request(tenantId: string, actor: AuditActor, input: AuditExportSelectionInput): Promise<AuditExportRecord> {
    const selection = selectionOf(input);
    const preflight = await this.exporter.preflight(tenantId, selection);
    return this.transactions.run(async (tx) => {
      const row = await this.exports.insert(tx, { tenantId, requestedBy: actor, selection });
      await this.jobs.enqueue(
        tx,
        auditExportQueue,
        'audit.export.build',
        { tenantId, exportId: row.id },
        { jobId: `audit-export-${row.id}` },
      );
      await this.ledger.record(tx, {
        tenantId,
        actor,
        action: AUDIT_EXPORT_REQUESTED_ACTION,
        // As for audit.export.created: a subject's pack is about that data subject, so it is sealed with their key.
        subject: selection.kind === 'subject' ? selection.subject : { type: 'audit_log', id: preflight.origin },
        payload: {
          exportId: row.id,
          selection:
            selection.kind === 'subject'
              ? { kind: 'subject', subject: { type: selection.subject.type, id: selection.subject.id } }
              : { kind: 'index-range', start: selection.start, end: selection.end },
          checkpoint: { size: preflight.checkpointSize },
          entries: preflight.entries,
        },
      });
      return row;
    });
  }

  /** The tenant's exports, newest first. */
  list(tenantId: string, limit: number): Promise<AuditExportRecord[]> {
    return this.exports.list(tenantId, limit);
  }

  /** One export of the tenant; another tenant's id is not found. */
  async get(tenantId: string, id: string): Promise<AuditExportRecord> {
    const found = UUID.test(id) ? await this.exports.find(tenantId, id) : null;
    if (!found) throw notFound(id);
    return found;
  }

  /** The finished pack; `audit/export_not_ready` until the export has succeeded. */
  async download(tenantId: string, id: string): Promise<AuditExportDownload> {
    const found = await this.get(tenantId, id);
    const archive = found.status === 'succeeded' ? await this.exports.archive(tenantId, id) : null;
    const log = await this.logs.findByTenant(tenantId);
    if (!archive || !log) {
      throw new AuditExportError(
        'audit/export_not_ready',
        'conflict',
        `the export ${id} is ${found.status}; its pack can be downloaded once it has succeeded`,
      );
    }
    return { fileName: `${evidencePackArchiveName(log.origin, id)}.tar.gz`, archive };
  }
}

function selectionOf({ subject, from, to }: AuditExportSelectionInput): AuditExportSelection {
  const byRange = from !== undefined || to !== undefined;
  if (subject !== undefined && !byRange) return { kind: 'subject', subject: { type: subject.type, id: subject.id } };
  if (subject === undefined && from !== undefined && to !== undefined)
    return { kind: 'index-range', start: from, end: to };
  throw new AuditExportError(
    'audit/export_selection_invalid',
    'invalid',
    'give either "subject" ({ "type", "id" }) or both "from" and "to" (an index range, "to" exclusive)',
  );
}

function notFound(id: string): AuditExportError {
  return new AuditExportError('audit/export_not_found', 'not_found', `no evidence-pack export ${id} in this tenant`);
}
