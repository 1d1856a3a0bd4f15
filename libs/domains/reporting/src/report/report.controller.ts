import {
  Body,
  Controller,
  Get,
  Header,
  Inject,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  APPROVAL_REQUESTER,
  CurrentPrincipal,
  RequirePermission,
  actorOf,
  type ApprovalRequester,
  type Principal,
} from '@domains/identity';
import { ProblemDetails } from '@platform/http';
import { CtrScanService } from '../ctr/ctr-scan.service.js';
import { ReportDeadlineService } from '../deadline/report-deadline.service.js';
import { REPORT_FORMATS, type ReportFormat } from '../document/report.document.js';
import { ReportingError } from '../reporting.errors.js';
import type { ReportArtifactSummary, ReportListing } from './report.repository.js';
import type { ReportEntity } from './report.entity.js';
import {
  CreateReportDto,
  CtrScanDto,
  CtrScanResultDto,
  ReportAcknowledgementDto,
  ReportAmendmentDto,
  ReportDeadlinesDto,
  ReportDto,
  ReportFilingDto,
  ReportListQueryDto,
  ReportsDto,
  ReportSubmissionDto,
  ReportSummaryDto,
  ReportValidationDto,
} from './report.dto.js';
import { ReportService } from './report.service.js';

/**
 * Regulator reports. Only `reports:read` roles see them at all: for anyone else every route answers 403 before any
 * lookup, whatever the id, so the answer never reveals whether a report exists (no tipping off). Every read,
 * download and export is recorded in the audit ledger.
 */
@ApiTags('reports')
@Controller('v1/reports')
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly deadlines: ReportDeadlineService,
    private readonly ctr: CtrScanService,
    @Inject(APPROVAL_REQUESTER) private readonly approvals: ApprovalRequester,
  ) {}

  /**
   * Drafts a report from a case closed with `sar_needed`, prefilled from the case (subjects, accounts, transactions,
   * activity, the summary as the narrative). 422 `reporting/case_not_reportable` for any other case.
   */
  @RequirePermission('reports:write')
  @Post()
  @ApiCreatedResponse({ type: ReportDto })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateReportDto): Promise<ReportDto> {
    return toDto(await this.reports.draftFromCase(principal, body), []);
  }

  /** The tenant's reports, newest first (at most 200), filtered by status, kind and due date. */
  @RequirePermission('reports:read')
  @Get()
  @ApiOkResponse({ type: ReportsDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ReportListQueryDto): Promise<ReportsDto> {
    const items = await this.reports.list(principal, {
      status: query.status,
      kind: query.kind,
      dueBefore: query.due !== undefined ? new Date(query.due) : undefined,
    });
    return { items: items.map(summaryOf) };
  }

  /** The filings list as CSV (cells that a spreadsheet would read as formulas are prefixed with `'`). */
  @RequirePermission('reports:read')
  @Get('export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="reports.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async exportCsv(@CurrentPrincipal() principal: Principal): Promise<string> {
    return this.reports.exportCsv(principal);
  }

  /** Every case that needs a report, with or without one: due date, days left, status, notices, continuing-activity review. */
  @RequirePermission('reports:read')
  @Get('deadlines')
  @ApiOkResponse({ type: ReportDeadlinesDto })
  async deadlinesBoard(@CurrentPrincipal() principal: Principal): Promise<ReportDeadlinesDto> {
    const rows = await this.deadlines.board(principal.tenantId);
    return {
      items: rows.map((r) => ({
        caseId: r.caseId,
        caseReference: r.caseReference,
        caseTitle: r.caseTitle,
        determinedAt: r.determinedAt?.toISOString() ?? null,
        dueAt: r.dueAt?.toISOString() ?? null,
        daysLeft: r.daysLeft,
        status: r.status,
        reportId: r.reportId,
        reportReference: r.reportReference,
        overdue: r.overdue,
        continuingActivityReviewAt: r.continuingActivityReviewAt?.toISOString() ?? null,
        notices: r.notices.map((n) => ({ kind: n.kind, dueAt: n.dueAt.toISOString(), at: n.at.toISOString() })),
      })),
    };
  }

  /** Scans one business day's cash transactions and opens a CTR draft per person over $10,000 (idempotent). */
  @RequirePermission('reports:write')
  @Post('ctr-scan')
  @HttpCode(200)
  @ApiOkResponse({ type: CtrScanResultDto })
  async ctrScan(@CurrentPrincipal() principal: Principal, @Body() body: CtrScanDto): Promise<CtrScanResultDto> {
    const outcome = await this.ctr.scan(principal.tenantId, body.date, actorOf(principal));
    return { businessDay: outcome.businessDay, reportable: outcome.reportable, created: [...outcome.created] };
  }

  /** One report with its content and generated files. */
  @RequirePermission('reports:read')
  @Get(':id')
  @ApiOkResponse({ type: ReportDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ReportDto> {
    const { report, artifacts } = await this.reports.get(principal, id);
    return toDto(report, artifacts);
  }

  /**
   * Changes a draft: any of formats, jurisdiction, localCurrency, activity, parties, accounts, transactions,
   * narrative, reason, action (each replaces the stored value). A report pending approval goes back to draft.
   */
  @RequirePermission('reports:write')
  @Patch(':id')
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: ReportDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<ReportDto> {
    return toDto(await this.reports.update(principal, id, body), []);
  }

  /** What must be fixed before each format can be generated, by document path. */
  @RequirePermission('reports:read')
  @Get(':id/validation')
  @ApiOkResponse({ type: ReportValidationDto })
  async validation(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReportValidationDto> {
    return { problems: await this.reports.validation(principal, id) };
  }

  /** Asks a second officer to approve (422 `reporting/report_invalid` listing the problems while any remain). */
  @RequirePermission('reports:write')
  @Post(':id/submit-for-approval')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportSubmissionDto })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReportSubmissionDto> {
    const requested = await this.reports.submitForApproval(principal, id, this.approvals);
    return {
      approvalRequestId: requested.id,
      contentHash: requested.contentHash,
      expiresAt: requested.expiresAt.toISOString(),
    };
  }

  /** One generated file of an approved report (`goaml`, `fincen-sar`, `fincen-ctr`, `pdf`). */
  @RequirePermission('reports:read')
  @Get(':id/artifacts/:format')
  @ApiProduces('application/xml', 'application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async artifact(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('format') format: string,
  ): Promise<StreamableFile> {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new ReportingError('reporting/artifact_not_found', 'not_found', `No such format: ${format}`);
    }
    const file = await this.reports.artifact(principal, id, format as ReportFormat);
    return new StreamableFile(file.bytes, {
      type: file.mediaType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.bytes.length,
    });
  }

  /** The report's files and the audit evidence they rely on, bound by a manifest, as `.tar.gz`. */
  @RequirePermission('reports:read')
  @Get(':id/evidence-pack')
  @ApiProduces('application/gzip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async evidencePack(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const file = await this.reports.evidencePack(principal, id);
    return new StreamableFile(file.bytes, {
      type: file.mediaType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.bytes.length,
    });
  }

  /** Records that the approved report was submitted to the FIU. */
  @RequirePermission('reports:write')
  @Post(':id/filing')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportSummaryDto })
  async file(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReportFilingDto,
  ): Promise<ReportSummaryDto> {
    return summaryOf(await this.reports.file(principal, id, { filedReference: body.filedReference }));
  }

  /**
   * Imports FinCEN's BSA E-Filing acknowledgement: accepted → acknowledged with the BSA ID; a FATAL error or a
   * rejected batch → rejected with the reasons. 400 `reporting/acknowledgement_invalid` for unreadable XML or a DOCTYPE.
   */
  @RequirePermission('reports:write')
  @Post(':id/acknowledgement')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportSummaryDto })
  async acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReportAcknowledgementDto,
  ): Promise<ReportSummaryDto> {
    return summaryOf(await this.reports.acknowledge(principal, id, body.xml));
  }

  /** A new draft correcting or amending a filed report, linked to it. */
  @RequirePermission('reports:write')
  @Post(':id/amendments')
  @ApiCreatedResponse({ type: ReportDto })
  async amend(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReportAmendmentDto,
  ): Promise<ReportDto> {
    return toDto(await this.reports.amend(principal, id, body.kind), []);
  }
}

function summaryOf(r: ReportEntity | ReportListing): ReportSummaryDto {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    formats: [...r.formats],
    status: r.status,
    caseId: r.caseId,
    caseReference: 'caseReference' in r ? r.caseReference : (r.document.caseReference ?? null),
    amendsReportId: r.amendsReportId,
    amendmentKind: r.amendmentKind,
    dueAt: r.dueAt?.toISOString() ?? null,
    determinedAt: r.determinedAt?.toISOString() ?? null,
    filedReference: r.filedReference,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    rejectionReason: r.rejectionReason,
    approvalRequestId: r.approvalRequestId,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function toDto(r: ReportEntity, artifacts: readonly ReportArtifactSummary[]): ReportDto {
  return {
    ...summaryOf(r),
    document: r.document,
    narrative: r.narrative,
    artifacts: artifacts.map((a) => ({
      format: a.format,
      fileName: a.fileName,
      mediaType: a.mediaType,
      sha256: a.sha256,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}
