import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  AuditCheckpointRepository,
  AuditEntryRepository,
  AuditExportError,
  AuditExportService,
  AuditLogRepository,
  AuditTreeRepository,
  encodeBase64,
  inclusionProof,
  StoredSubtreeSource,
  type AuditActor,
} from '@domains/audit';
import type { ReportEvidence, ReportEvidenceRecord } from '../document/report.document.js';
import { ReportingError } from '../reporting.errors.js';
import type { RenderedReport } from '../render/report.renderer.js';
import {
  auditPackDirName,
  REPORT_PACK_FORMAT,
  REPORT_PACK_VERSION,
  type ReportPackManifest,
} from './report-pack.manifest.js';
import { verifyReportPack } from './report-pack.verifier.js';
import { ReportPackWriter } from './report-pack.writer.js';

export interface ReportEvidenceSubject {
  readonly type: string;
  readonly id: string;
}

export interface ReportPackInput {
  readonly tenantId: string;
  readonly report: readonly RenderedReport[];
  /** The audit subjects the report relies on: `report`, `case`, `alert`, `transaction`, `customer`. */
  readonly subjects: readonly ReportEvidenceSubject[];
  /** Who writes the pack (recorded as the actor of each `audit.export.created`). */
  readonly actor?: AuditActor;
}

/** Entries one subject may contribute to a report's evidence (the audit export's own limit). */
const MAX_ENTRIES_PER_SUBJECT = 10_000;
const PROOF_BATCH = 256;

/**
 * The audit evidence behind a report: the ledger entries of its subjects with inclusion proofs against the latest
 * signed checkpoint (for the PDF's appendix, `ReportDocument.evidence`), and report packs — the report file(s) plus
 * one audit evidence pack per subject, bound by a manifest (report-pack.manifest.ts; checked by verifyReportPack).
 */
@Injectable()
export class ReportEvidenceService {
  private readonly writer = new ReportPackWriter();

  constructor(
    private readonly logs: AuditLogRepository,
    private readonly entries: AuditEntryRepository,
    private readonly tree: AuditTreeRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly exporter: AuditExportService,
  ) {}

  /**
   * The audit evidence a report relies on: the ledger entries of its case, alerts, transactions and customers that
   * the latest checkpoint covers (entries not yet checkpointed are left out), each with its inclusion proof.
   * Throws `reporting/evidence_unavailable` when the tenant's log has no signed checkpoint yet.
   */
  async collect(tenantId: string, subjects: readonly ReportEvidenceSubject[]): Promise<ReportEvidence> {
    const log = await this.logs.findByTenant(tenantId);
    const checkpoint = log ? await this.checkpoints.latest(log.id) : null;
    if (!log || !checkpoint) {
      throw new ReportingError(
        'reporting/evidence_unavailable',
        'unprocessable',
        "the tenant's audit log has no signed checkpoint yet, so the report's evidence cannot be proven",
      );
    }
    const size = checkpoint.treeSize;
    const byIndex = new Map<number, Awaited<ReturnType<AuditEntryRepository['findBySubject']>>[number]>();
    for (const subject of subjects) {
      const found = await this.entries.findBySubject(log.id, subject.type, subject.id, size, MAX_ENTRIES_PER_SUBJECT);
      for (const entry of found) if (entry.index !== null) byIndex.set(entry.index, entry);
    }
    const stored = [...byIndex.values()].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    const source = new StoredSubtreeSource((addresses) => this.tree.subtreeHashes(log.id, addresses));
    const records: ReportEvidenceRecord[] = [];
    for (let start = 0; start < stored.length; start += PROOF_BATCH) {
      const batch = stored.slice(start, start + PROOF_BATCH);
      const proofs = await Promise.all(batch.map((entry) => inclusionProof(entry.index ?? 0, size, source)));
      batch.forEach((entry, position) => {
        records.push({
          index: entry.index ?? 0,
          action: entry.action,
          subject: { type: entry.subjectType, id: entry.subjectId },
          recordedAt: entry.recordedAt,
          leafHash: encodeBase64(entry.leafHash ?? new Uint8Array()),
          inclusionProof: proofs[position].map((hash) => encodeBase64(hash)),
        });
      });
    }
    return { checkpoint: checkpoint.note, origin: log.origin, treeSize: size, records };
  }

  /**
   * Writes a report pack into a new or empty folder: the report file(s), one audit evidence pack per subject that
   * has checkpointed entries (subjects with none are skipped), and report-pack.json binding them. Fails with
   * `reporting/evidence_unavailable` unless one of the subjects is the report itself with its
   * `reporting.report.generated` entry checkpointed, since without it nothing proves the report bytes (the folder is then left as written, without a usable pack).
   */
  async writePack(dir: string, input: ReportPackInput): Promise<ReportPackManifest> {
    if (input.report.length === 0) {
      throw new ReportingError('reporting/evidence_unavailable', 'invalid', 'a report pack needs a report file');
    }
    await this.writer.start(dir, input.report);
    const actor = input.actor ?? { type: 'system', id: 'reporting' };
    const audit: { dir: string; subject: ReportEvidenceSubject; manifestSha256: string }[] = [];
    for (const [position, subject] of input.subjects.entries()) {
      const name = auditPackDirName(position, subject);
      try {
        await this.exporter.export({
          tenantId: input.tenantId,
          selection: { kind: 'subject', subject: { type: subject.type, id: subject.id } },
          directory: this.writer.auditPackPath(dir, name),
          actor,
        });
      } catch (error) {
        if (error instanceof AuditExportError && error.code === 'audit/export_nothing_selected') continue;
        throw error;
      }
      const manifestBytes = await this.writer.readAuditManifest(dir, name);
      audit.push({
        dir: name,
        subject: { type: subject.type, id: subject.id },
        manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
      });
    }
    const manifest: ReportPackManifest = {
      format: REPORT_PACK_FORMAT,
      version: REPORT_PACK_VERSION,
      createdAt: new Date().toISOString(),
      reports: input.report.map((r) => ({ file: r.fileName, mediaType: r.mediaType, sha256: r.sha256 })),
      audit,
    };
    await this.writer.finish(dir, manifest);
    const verified = await verifyReportPack(dir);
    if (!verified.ok) {
      throw new ReportingError(
        'reporting/evidence_unavailable',
        'unprocessable',
        `the report pack in ${dir} does not verify (record and checkpoint reporting.report.generated first): ${verified.failures.join('; ')}`,
      );
    }
    return manifest;
  }
}
