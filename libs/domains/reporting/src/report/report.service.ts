import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, EvidencePackArchiver, canonicalJson, type AuditActor, type AuditPayload } from '@domains/audit';
import {
  actorOf,
  type ApprovalContent,
  type ApprovalRequester,
  type Principal,
  type RequestedApproval,
} from '@domains/identity';
import type { ReportDocument, ReportFormat, ReportKind } from '../document/report.document.js';
import { ReportDocumentBuilder } from '../draft/report-document.builder.js';
import { ReportEvidenceService } from '../evidence/report-evidence.service.js';
import { acknowledgementOutcome, parseFincenAcknowledgement } from '../filing/fincen-acknowledgement.parser.js';
import { ReportRenderer, type RenderedReport } from '../render/report.renderer.js';
import { ReportingError } from '../reporting.errors.js';
import { writeCsv } from './report-csv.writer.js';
import { parseReportPatch } from './report-content.schema.js';
import type { ReportAmendmentKind, ReportDraftContent, ReportEntity, ReportStatus } from './report.entity.js';
import {
  ReportRepository,
  type ReportArtifactSummary,
  type ReportListFilter,
  type ReportListing,
} from './report.repository.js';

/** The approval kind of a report; approvals' ReportApprovalHandler applies it (generates and stores every format). */
export const REPORT_APPROVAL = 'reporting.report.approve';

/** What the second officer approves: exactly this report content, in these formats. */
export interface ReportApprovalContent extends ApprovalContent {
  readonly reportId: string;
  readonly reference: string;
  readonly kind: string;
  readonly formats: readonly string[];
  /** SHA-256 of the canonical JSON of the document content and narrative: any edit voids the approval. */
  readonly contentSha256: string;
}

export interface ReportProblem {
  readonly path: string;
  readonly message: string;
  readonly format: ReportFormat;
}

export interface ReportView {
  readonly report: ReportEntity;
  readonly artifacts: readonly ReportArtifactSummary[];
}

export interface ReportFile {
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

const FILED: readonly ReportStatus[] = ['submitted', 'acknowledged', 'rejected'];
const GENERATED: readonly ReportStatus[] = ['approved', ...FILED];
const FINCEN_FORMATS: readonly ReportFormat[] = ['fincen-sar', 'fincen-ctr'];

/** The formats a report of `kind` is generated in by default (US: FinCEN; elsewhere goAML), always with the PDF. */
export function defaultFormats(kind: ReportKind, jurisdiction: string): ReportFormat[] {
  if (kind === 'CTR') return ['fincen-ctr', 'pdf'];
  if (kind === 'SAR' && jurisdiction === 'US') return ['fincen-sar', 'pdf'];
  return ['goaml', 'pdf'];
}

/** Formats that cannot carry a report of `kind` (named in the 400). */
export function unsuitableFormats(kind: ReportKind, formats: readonly ReportFormat[]): ReportFormat[] {
  return formats.filter(
    (f) =>
      (f === 'fincen-ctr' && kind !== 'CTR') ||
      (f === 'fincen-sar' && kind !== 'SAR') ||
      (f === 'goaml' && kind === 'CTR'),
  );
}

function notFound(): ReportingError {
  return new ReportingError('reporting/report_not_found', 'not_found', 'No such report');
}

function wrongStatus(report: ReportEntity, wanted: string): ReportingError {
  return new ReportingError(
    'reporting/invalid_status',
    'conflict',
    `Report ${report.reference} is ${report.status}: ${wanted}`,
  );
}

function contentSha256(report: Pick<ReportEntity, 'document' | 'narrative' | 'formats'>): string {
  const canonical = canonicalJson({
    document: report.document as unknown as AuditPayload,
    narrative: report.narrative,
    formats: [...report.formats],
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Regulator reports: drafted from a case closed with `sar_needed`, edited and validated while a draft, approved by a
 * second officer (four-eyes), then generated in each format (files and their SHA-256 in the audit ledger), filed and
 * acknowledged. Every read, download and export is audited: who saw a report is evidence too.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly reports: ReportRepository,
    private readonly builder: ReportDocumentBuilder,
    private readonly renderer: ReportRenderer,
    private readonly evidence: ReportEvidenceService,
    private readonly archiver: EvidencePackArchiver,
    private readonly ledger: AuditLedger,
  ) {}

  /** Drafts a report from a case whose closure decided a report is needed (422 otherwise). */
  async draftFromCase(
    principal: Principal,
    input: { caseId: string; kind: 'STR' | 'SAR'; formats?: readonly ReportFormat[] },
  ): Promise<ReportEntity> {
    return this.draftAs(principal.tenantId, actorOf(principal), input);
  }

  /** draftFromCase for a given actor (the demo seed drafts as the system). */
  async draftAs(
    tenantId: string,
    actor: AuditActor,
    input: { caseId: string; kind: 'STR' | 'SAR'; formats?: readonly ReportFormat[] },
  ): Promise<ReportEntity> {
    const basis = await this.builder.basis(tenantId, input.caseId);
    if (basis.status !== 'closed' || basis.determination !== 'sar_needed') {
      throw new ReportingError(
        'reporting/case_not_reportable',
        'unprocessable',
        `Case ${basis.reference} is not closed with the determination sar_needed (status ${basis.status}, determination ${basis.determination ?? 'none'})`,
      );
    }
    const draft = await this.builder.draftFromCase(tenantId, basis);
    const formats = [...new Set(input.formats ?? defaultFormats(input.kind, draft.content.jurisdiction))];
    this.checkFormats(input.kind, formats);
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.insert(
          tx,
          {
            tenantId,
            kind: input.kind,
            formats,
            caseId: basis.caseId,
            amendsReportId: null,
            amendmentKind: null,
            ctrKey: null,
            document: draft.content,
            narrative: draft.narrative,
            dueAt: basis.reportDueAt,
            determinedAt: basis.determinedAt,
            createdBy: `${actor.type}:${actor.id}`,
          },
          new Date(),
        );
        await this.record(tx, report, actor, 'reporting.report.drafted', {
          caseId: basis.caseId,
          caseReference: basis.reference,
          kind: report.kind,
          formats: [...formats],
        });
        return report;
      },
      { tenantId },
    );
  }

  /** Inserts a report built elsewhere (the CTR scan, amendments) and audits it, in the caller's transaction. */
  async insertDraft(
    tx: Tx,
    actor: AuditActor,
    draft: {
      tenantId: string;
      kind: ReportKind;
      formats: ReportFormat[];
      caseId: string | null;
      amendsReportId: string | null;
      amendmentKind: ReportAmendmentKind | null;
      ctrKey: string | null;
      document: ReportDraftContent;
      narrative: string;
      dueAt: Date | null;
      determinedAt: Date | null;
    },
    action: string,
    payload: Record<string, AuditPayload>,
  ): Promise<ReportEntity> {
    const report = await this.reports.insert(tx, { ...draft, createdBy: `${actor.type}:${actor.id}` }, new Date());
    await this.record(tx, report, actor, action, payload);
    return report;
  }

  async list(principal: Principal, filter: ReportListFilter, limit = 200): Promise<ReportListing[]> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const reports = await this.reports.list(tx, tenantId, filter, limit);
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'reporting.reports.listed',
          subject: { type: 'reporting', id: tenantId },
          payload: {
            status: filter.status ?? null,
            kind: filter.kind ?? null,
            dueBefore: filter.dueBefore?.toISOString() ?? null,
            count: reports.length,
          },
        });
        return reports;
      },
      { tenantId },
    );
  }

  /** One report with its generated files (audited as viewed). */
  async get(principal: Principal, id: string): Promise<ReportView> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.findById(tx, tenantId, id);
        if (!report) throw notFound();
        const artifacts = await this.reports.listArtifacts(tx, tenantId, id);
        await this.record(tx, report, actorOf(principal), 'reporting.report.viewed', {});
        return { report, artifacts };
      },
      { tenantId },
    );
  }

  /** Replaces the given fields of a draft (or a report pending approval, which goes back to draft: its request voids). */
  async update(principal: Principal, id: string, body: unknown): Promise<ReportEntity> {
    const parsed = parseReportPatch(body);
    if (!parsed.ok) {
      throw new ReportingError(
        'reporting/invalid_request',
        'invalid',
        `Invalid report change: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
        { errors: parsed.errors },
      );
    }
    const { narrative, formats, ...fields } = parsed.patch;
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.findByIdForUpdate(tx, tenantId, id);
        if (!report) throw notFound();
        if (report.status !== 'draft' && report.status !== 'pending_approval') {
          throw wrongStatus(report, 'only a draft can be edited (amend a filed report instead)');
        }
        if (formats) this.checkFormats(report.kind, formats);
        const document = { ...report.document, ...fields } as ReportDraftContent;
        const change: Partial<ReportEntity> = {
          document,
          ...(narrative !== undefined ? { narrative } : {}),
          ...(formats ? { formats: [...new Set(formats)] } : {}),
          status: 'draft',
          approvalRequestId: null,
        };
        await this.reports.update(tx, tenantId, id, change);
        await this.record(tx, report, actorOf(principal), 'reporting.report.edited', {
          fields: Object.keys(parsed.patch).sort(),
          previousStatus: report.status,
        });
        const updated = await this.reports.findById(tx, tenantId, id);
        if (!updated) throw notFound();
        return updated;
      },
      { tenantId },
    );
  }

  /** What blocks generating each of the report's formats (audited as viewed). */
  async validation(principal: Principal, id: string): Promise<ReportProblem[]> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.findById(tx, tenantId, id);
        if (!report) throw notFound();
        const problems = await this.problemsOf(tx, report);
        await this.record(tx, report, actorOf(principal), 'reporting.report.validated', { problems: problems.length });
        return problems;
      },
      { tenantId },
    );
  }

  /** Asks a second officer (holding `reports:approve`) to approve the report exactly as it is; 422 with any problem. */
  async submitForApproval(principal: Principal, id: string, requester: ApprovalRequester): Promise<RequestedApproval> {
    if (principal.kind !== 'user') {
      throw new ReportingError('reporting/people_only', 'forbidden', 'Only a person can submit a report');
    }
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.findByIdForUpdate(tx, tenantId, id);
        if (!report) throw notFound();
        if (report.status !== 'draft') throw wrongStatus(report, 'only a draft can be submitted for approval');
        const problems = await this.problemsOf(tx, report);
        if (problems.length > 0) {
          throw new ReportingError(
            'reporting/report_invalid',
            'unprocessable',
            `Report ${report.reference} has ${problems.length} problem(s) to fix before approval`,
            { errors: problems.map((p) => ({ field: p.path, message: `${p.format}: ${p.message}` })) },
          );
        }
        const requested = await requester.request(tx, {
          tenantId,
          kind: REPORT_APPROVAL,
          subject: { type: 'report', id: report.id },
          content: this.approvalContentOf(report),
          requestedBy: principal.userId,
          requiredPermission: 'reports:approve',
        });
        await this.reports.update(tx, tenantId, id, { status: 'pending_approval', approvalRequestId: requested.id });
        await this.record(tx, report, actorOf(principal), 'reporting.report.submitted', {
          approvalRequestId: requested.id,
        });
        return requested;
      },
      { tenantId },
    );
  }

  /** The approval content the report would have now (locked); null when it is no longer pending approval. */
  async currentApproval(tx: Tx, tenantId: string, reportId: string): Promise<ReportApprovalContent | null> {
    const report = await this.reports.findByIdForUpdate(tx, tenantId, reportId);
    if (!report || report.status !== 'pending_approval') return null;
    return this.approvalContentOf(report);
  }

  /**
   * In the approval's transaction: renders every format, stores the files and records `reporting.report.generated`
   * with each file's SHA-256 (so the evidence pack proves the bytes), and marks the report approved.
   */
  async applyApproval(
    tx: Tx,
    change: { tenantId: string; reportId: string; approvalRequestId: string; requestedBy: string; approvedBy: string },
  ): Promise<void> {
    const report = await this.reports.findByIdForUpdate(tx, change.tenantId, change.reportId);
    if (!report) throw new Error(`approval ${change.approvalRequestId}: report ${change.reportId} vanished`);
    const document = await this.builder.documentOf(tx, report, { withEvidence: true });
    const rendered: { format: ReportFormat; file: RenderedReport }[] = [];
    for (const format of report.formats) rendered.push({ format, file: await this.renderer.render(document, format) });
    for (const { format, file } of rendered) {
      await this.reports.insertArtifact(tx, {
        tenantId: report.tenantId,
        reportId: report.id,
        format,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sha256: file.sha256,
        bytes: Buffer.from(file.bytes),
      });
    }
    await this.reports.update(tx, report.tenantId, report.id, { status: 'approved', approvedAt: new Date() });
    const actor: AuditActor = { type: 'user', id: change.approvedBy };
    await this.record(tx, report, actor, 'reporting.report.approved', {
      approvalRequestId: change.approvalRequestId,
      requestedBy: change.requestedBy,
      approvedBy: change.approvedBy,
    });
    await this.record(tx, report, actor, 'reporting.report.generated', {
      artifacts: rendered.map(({ format, file }) => ({
        format,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sha256: file.sha256,
        bytes: file.bytes.byteLength,
      })),
    });
  }

  /** One generated file (audited as downloaded). */
  async artifact(principal: Principal, id: string, format: ReportFormat): Promise<ReportFile> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.findById(tx, tenantId, id);
        if (!report) throw notFound();
        const artifact = await this.reports.findArtifact(tx, tenantId, id, format);
        if (!artifact) {
          throw new ReportingError(
            'reporting/artifact_not_found',
            'not_found',
            `Report ${report.reference} has no generated ${format} file`,
          );
        }
        await this.record(tx, report, actorOf(principal), 'reporting.report.downloaded', {
          format,
          sha256: artifact.sha256,
        });
        return { fileName: artifact.fileName, mediaType: artifact.mediaType, bytes: artifact.bytes };
      },
      { tenantId },
    );
  }

  /** The report's files with the audit evidence they rely on, as one `.tar.gz` (audited as exported). */
  async evidencePack(principal: Principal, id: string): Promise<ReportFile> {
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    const { report, files } = await this.transactions.run(
      async (tx) => {
        const found = await this.reports.findById(tx, tenantId, id);
        if (!found) throw notFound();
        if (!GENERATED.includes(found.status)) throw wrongStatus(found, 'the evidence pack exists once it is approved');
        return { report: found, files: await this.reports.listArtifactsWithBytes(tx, tenantId, id) };
      },
      { tenantId },
    );
    const root = `${report.reference}-evidence`;
    const scratch = await this.archiver.scratchFolder();
    let bytes: Buffer;
    try {
      const dir = join(scratch, root);
      await this.evidence.writePack(dir, {
        tenantId,
        report: files.map((f) => ({
          bytes: new Uint8Array(f.bytes),
          mediaType: f.mediaType,
          fileName: f.fileName,
          sha256: f.sha256,
        })),
        subjects: this.builder.subjectsOf(report),
        actor,
      });
      bytes = await this.archiver.archive(dir, root);
    } finally {
      await this.archiver.remove(scratch);
    }
    await this.transactions.run(
      (tx) =>
        this.record(tx, report, actor, 'reporting.report.evidence_exported', {
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes: bytes.length,
        }),
      { tenantId },
    );
    return { fileName: `${root}.tar.gz`, mediaType: 'application/gzip', bytes };
  }

  /** The report of `kind` to show as an example: see ReportRepository.newestExampleOf. */
  exampleOf(tenantId: string, kind: string): Promise<string | null> {
    return this.transactions.run((tx) => this.reports.newestExampleOf(tx, tenantId, kind), { tenantId });
  }

  /**
   * Records that a stored report was rendered outside the api (`verity report render` writes it to a file): like a
   * download, every rendering of a report is in the ledger, with the format and the file's SHA-256.
   */
  async recordRendered(
    tenantId: string,
    actor: AuditActor,
    id: string,
    rendered: { format: string; sha256: string },
  ): Promise<void> {
    await this.transactions.run(
      async (tx) => {
        const report = await this.reports.findById(tx, tenantId, id);
        if (!report) throw notFound();
        await this.record(tx, report, actor, 'reporting.report.rendered', { ...rendered });
      },
      { tenantId },
    );
  }

  /** Records that the approved report was submitted to the FIU, with the reference it gave, if any. */
  async file(principal: Principal, id: string, input: { filedReference?: string }): Promise<ReportEntity> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.findByIdForUpdate(tx, tenantId, id);
        if (!report) throw notFound();
        if (report.status !== 'approved') throw wrongStatus(report, 'only an approved report can be filed');
        const filedReference = input.filedReference?.trim() || null;
        await this.reports.update(tx, tenantId, id, { status: 'submitted', submittedAt: new Date(), filedReference });
        await this.record(tx, report, actorOf(principal), 'reporting.report.filed', { filedReference });
        return (await this.reports.findById(tx, tenantId, id)) ?? report;
      },
      { tenantId },
    );
  }

  /** Imports FinCEN's acknowledgement of a submitted report: acknowledged with its BSA ID, or rejected with reasons. */
  async acknowledge(principal: Principal, id: string, xml: string): Promise<ReportEntity> {
    const outcome = acknowledgementOutcome(parseFincenAcknowledgement(xml));
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const report = await this.reports.findByIdForUpdate(tx, tenantId, id);
        if (!report) throw notFound();
        if (report.status !== 'submitted') throw wrongStatus(report, 'only a submitted report can be acknowledged');
        if (!report.formats.some((f) => FINCEN_FORMATS.includes(f))) {
          // A goAML filing is answered by its FIU, not FinCEN: a BSA ID here would be another filing's.
          throw new ReportingError(
            'reporting/acknowledgement_invalid',
            'invalid',
            `Report ${report.reference} was not generated as FinCEN XML, so a FinCEN acknowledgement does not apply`,
          );
        }
        const now = new Date();
        if (outcome.outcome === 'acknowledged') {
          await this.reports.update(tx, tenantId, id, {
            status: 'acknowledged',
            acknowledgedAt: now,
            filedReference: outcome.bsaId,
            rejectionReason: null,
          });
        } else {
          await this.reports.update(tx, tenantId, id, {
            status: 'rejected',
            acknowledgedAt: now,
            rejectionReason: outcome.reasons.join('\n'),
          });
        }
        await this.record(tx, report, actorOf(principal), `reporting.report.${outcome.outcome}`, {
          bsaId: outcome.bsaId,
          reasons: [...outcome.reasons],
          warnings: outcome.warnings.map((w) => `${w.typeCode} ${w.element}: ${w.text}`),
        });
        return (await this.reports.findById(tx, tenantId, id)) ?? report;
      },
      { tenantId },
    );
  }

  /** A new draft correcting or amending a filed report, linked to it, starting from its content. */
  async amend(principal: Principal, id: string, kind: ReportAmendmentKind): Promise<ReportEntity> {
    const tenantId = principal.tenantId;
    const actor = actorOf(principal);
    return this.transactions.run(
      async (tx) => {
        const original = await this.reports.findById(tx, tenantId, id);
        if (!original) throw notFound();
        if (!FILED.includes(original.status)) throw wrongStatus(original, 'only a filed report can be amended');
        return this.insertDraft(
          tx,
          actor,
          {
            tenantId,
            kind: original.kind,
            formats: [...original.formats],
            caseId: original.caseId,
            amendsReportId: original.id,
            amendmentKind: kind,
            ctrKey: null,
            document: original.document,
            narrative: original.narrative,
            dueAt: original.dueAt,
            determinedAt: original.determinedAt,
          },
          'reporting.report.amendment_drafted',
          { amends: original.id, amendsReference: original.reference, amendmentKind: kind },
        );
      },
      { tenantId },
    );
  }

  /** Every report of the tenant as CSV, formula-neutralised (audited as exported). */
  async exportCsv(principal: Principal): Promise<string> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const reports = await this.reports.list(tx, tenantId, {}, 100_000);
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'reporting.reports.exported',
          subject: { type: 'reporting', id: tenantId },
          payload: { format: 'csv', count: reports.length },
        });
        return writeCsv(
          [
            'reference',
            'kind',
            'status',
            'case_id',
            'case_reference',
            'due_at',
            'filed_reference',
            'submitted_at',
            'acknowledged_at',
            'rejection_reason',
            'amends_report_id',
            'created_at',
          ],
          reports.map((r) => [
            r.reference,
            r.kind,
            r.status,
            r.caseId,
            r.caseReference,
            r.dueAt?.toISOString() ?? null,
            r.filedReference,
            r.submittedAt?.toISOString() ?? null,
            r.acknowledgedAt?.toISOString() ?? null,
            r.rejectionReason,
            r.amendsReportId,
            r.createdAt.toISOString(),
          ]),
        );
      },
      { tenantId },
    );
  }

  private async problemsOf(tx: Tx, report: ReportEntity): Promise<ReportProblem[]> {
    const document: ReportDocument = await this.builder.documentOf(tx, report, { withEvidence: false });
    const problems: ReportProblem[] = [];
    for (const format of report.formats) {
      for (const p of this.renderer.validate(document, format)) problems.push({ ...p, format });
    }
    return problems;
  }

  private approvalContentOf(report: ReportEntity): ReportApprovalContent {
    return {
      reportId: report.id,
      reference: report.reference,
      kind: report.kind,
      formats: [...report.formats],
      contentSha256: contentSha256(report),
    };
  }

  private checkFormats(kind: ReportKind, formats: readonly ReportFormat[]): void {
    const bad = unsuitableFormats(kind, formats);
    if (bad.length > 0) {
      throw new ReportingError(
        'reporting/invalid_request',
        'invalid',
        `A ${kind} report cannot be generated as ${bad.join(', ')}`,
        { errors: bad.map((f) => ({ field: 'formats', message: `${f} cannot carry a ${kind}` })) },
      );
    }
  }

  private async record(
    tx: Tx,
    report: ReportEntity,
    actor: AuditActor,
    action: string,
    payload: Record<string, AuditPayload>,
  ): Promise<void> {
    await this.ledger.record(tx, {
      tenantId: report.tenantId,
      actor,
      action,
      subject: { type: 'report', id: report.id },
      payload: { reference: report.reference, ...payload },
    });
  }
}
