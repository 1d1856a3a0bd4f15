import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpException,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { problem, ProblemDetails } from '@platform/http';
import {
  APPROVAL_REQUESTER,
  CurrentPrincipal,
  RequirePermission,
  type ApprovalRequester,
  type Principal,
} from '@domains/identity';
import { CasesError } from '../cases.errors.js';
import type { CaseAttachmentEntity } from './case-attachment.entity.js';
import type { CaseEntity } from './case.entity.js';
import {
  AddNoteDto,
  AddSubjectsDto,
  AddTransactionsDto,
  CaseAttachmentDto,
  CaseCloseRequestedDto,
  CaseDetailDto,
  CaseDto,
  CaseListQueryDto,
  CaseNoteDto,
  CasePageDto,
  CloseRequestDto,
  CreateCaseDto,
  LinkAlertsDto,
  UpdateCaseDto,
} from './case.dto.js';
import type { AttachmentMetadata } from './case.repository.js';
import { CaseService, type CaseDetail } from './case.service.js';

interface MulterFile {
  originalname: string;
  buffer: Buffer;
}

function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}

export function toCaseDto(c: CaseEntity): CaseDto {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    description: c.description,
    status: c.status,
    priority: c.priority,
    assigneeId: c.assigneeId,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closeDisposition: c.closeDisposition,
    closeSummary: c.closeSummary,
    jurisdiction: c.jurisdiction,
    suspectIdentified: c.suspectIdentified,
    closeRequestedBy: c.closeRequestedBy,
    closeRequestedAt: iso(c.closeRequestedAt),
    closedBy: c.closedBy,
    closedAt: iso(c.closedAt),
    determinedAt: iso(c.determinedAt),
    reportDueAt: iso(c.reportDueAt),
  };
}

function toAttachmentDto(a: AttachmentMetadata): CaseAttachmentDto {
  return {
    id: a.id,
    fileName: a.fileName,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    createdAt: a.createdAt.toISOString(),
  };
}

function toDetailDto(d: CaseDetail): CaseDetailDto {
  return {
    case: toCaseDto(d.case),
    subjects: d.subjects.map((s) => ({
      type: s.type,
      id: s.subjectId,
      label: s.label,
      addedBy: s.addedBy,
      addedAt: s.addedAt.toISOString(),
    })),
    transactions: d.transactions.map((t) => ({
      transactionId: t.transactionId,
      addedBy: t.addedBy,
      addedAt: t.addedAt.toISOString(),
    })),
    alerts: d.alerts.map((a) => ({
      id: a.id,
      reference: a.reference,
      type: a.type,
      title: a.title,
      status: a.status,
      disposition: a.disposition,
      reasonCode: a.reasonCode,
    })),
    notes: d.notes.map((n) => ({ id: n.id, body: n.body, authorId: n.authorId, createdAt: n.createdAt.toISOString() })),
    attachments: d.attachments.map(toAttachmentDto),
    timeline: d.timeline.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, details: e.details })),
    pendingApprovalId: d.pendingApprovalId,
  };
}

/** `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC 5987>`: the name never becomes markup or a path. */
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Cases: escalate alerts into a case, investigate (subjects, transactions, notes, attachments, timeline) and close
 * it with a second person's approval. Every read of a case is audited.
 */
@ApiTags('cases')
@Controller('v1/cases')
export class CaseController {
  constructor(
    private readonly cases: CaseService,
    @Inject(APPROVAL_REQUESTER) private readonly approvals: ApprovalRequester,
  ) {}

  /** Opens a case, escalating the given alerts into it (their subjects and transactions join the case). */
  @RequirePermission('cases:write')
  @Post()
  @ApiCreatedResponse({ type: CaseDto })
  @ApiNotFoundResponse({ type: ProblemDetails, description: '`cases/alert_not_found`' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`cases/transaction_not_found`' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCaseDto): Promise<CaseDto> {
    return toCaseDto(await this.cases.create(principal, body));
  }

  @RequirePermission('cases:read')
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: CasePageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: CaseListQueryDto): Promise<CasePageDto> {
    const { rows, total } = await this.cases.list(principal, {
      status: query.status,
      assignee: query.assignee,
      overdue: query.overdue,
      q: query.q,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return {
      total,
      items: rows.map((r) => ({
        id: r.case.id,
        reference: r.case.reference,
        title: r.case.title,
        status: r.case.status,
        priority: r.case.priority,
        assigneeId: r.case.assigneeId,
        alertCount: r.alertCount,
        subjectCount: r.subjectCount,
        transactionCount: r.transactionCount,
        noteCount: r.noteCount,
        attachmentCount: r.attachmentCount,
        reportDueAt: iso(r.case.reportDueAt),
        createdAt: r.case.createdAt.toISOString(),
        updatedAt: r.case.updatedAt.toISOString(),
      })),
    };
  }

  /** The case with its subjects, transactions, alerts, notes, attachments (metadata) and timeline; audited. */
  @RequirePermission('cases:read')
  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CaseDetailDto> {
    return toDetailDto(await this.cases.get(principal, id, this.approvals));
  }

  @RequirePermission('cases:write')
  @Patch(':id')
  @ApiOkResponse({ type: CaseDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`cases/case_not_editable`' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseDto> {
    return toCaseDto(await this.cases.update(principal, id, body));
  }

  /** Escalates more alerts into the case. */
  @RequirePermission('cases:write')
  @Post(':id/alerts')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDetails, description: '`cases/case_not_found`, `cases/alert_not_found`' })
  async linkAlerts(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LinkAlertsDto,
  ): Promise<void> {
    await this.cases.linkAlerts(principal, id, body.alertIds);
  }

  @RequirePermission('cases:write')
  @Post(':id/subjects')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDetails })
  async addSubjects(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddSubjectsDto,
  ): Promise<void> {
    await this.cases.addSubjects(principal, id, body.subjects);
  }

  @RequirePermission('cases:write')
  @Delete(':id/subjects/:type/:subjectId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDetails })
  async removeSubject(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('type') type: string,
    @Param('subjectId') subjectId: string,
  ): Promise<void> {
    await this.cases.removeSubject(principal, id, type, subjectId);
  }

  @RequirePermission('cases:write')
  @Post(':id/transactions')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`cases/transaction_not_found`' })
  async addTransactions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddTransactionsDto,
  ): Promise<void> {
    await this.cases.addTransactions(principal, id, body.transactionIds);
  }

  /** A plain-text note, stored exactly as written. */
  @RequirePermission('cases:write')
  @Post(':id/notes')
  @ApiCreatedResponse({ type: CaseNoteDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async addNote(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddNoteDto,
  ): Promise<CaseNoteDto> {
    const note = await this.cases.addNote(principal, id, body.body);
    return { id: note.id, body: note.body, authorId: note.authorId, createdAt: note.createdAt.toISOString() };
  }

  /**
   * Attaches a file (multipart field `file`). Its type is decided from the bytes and must be in
   * CASES_ATTACHMENT_TYPES (415 otherwise; HTML and SVG never are); at most CASES_ATTACHMENT_MAX_BYTES (413); the
   * name may not carry a path or control characters (422).
   */
  @RequirePermission('cases:write')
  @Post(':id/attachments')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: CaseAttachmentDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails, description: '`cases/attachment_too_large`' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemDetails, description: '`cases/attachment_type_forbidden`' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`cases/attachment_name_invalid`' })
  async addAttachment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: MulterFile | undefined,
  ): Promise<CaseAttachmentDto> {
    if (!file)
      throw new CasesError('cases/attachment_missing', 'invalid', 'Send the file as the multipart field `file`');
    try {
      // multer decodes the name as latin1; browsers send UTF-8.
      const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
      return toAttachmentDto(await this.cases.addAttachment(principal, id, { fileName, bytes: file.buffer }));
    } catch (error) {
      // 415 is an HTTP notion the domain error kinds do not carry: the type refusal is answered as such here.
      if (error instanceof CasesError && error.code === 'cases/attachment_type_forbidden') {
        throw new HttpException(
          { problem: problem(415, error.code, 'Unsupported media type', '', { detail: error.message }) },
          415,
        );
      }
      throw error;
    }
  }

  /** Downloads an attachment (always as a download, never rendered); audited. */
  @RequirePermission('cases:read')
  @Get(':id/attachments/:attachmentId')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const attachment: CaseAttachmentEntity = await this.cases.downloadAttachment(principal, id, attachmentId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(attachment.content, {
      type: attachment.mediaType,
      disposition: contentDisposition(attachment.fileName),
      length: attachment.content.length,
    });
  }

  /**
   * Asks for the case to be closed with a determination: the case waits in `pending_approval` until another person
   * holding `cases:approve` approves at `POST /v1/approvals/{id}/approve` (the requester never can). A `sar_needed`
   * closure starts the regulatory clock at the approval.
   */
  @RequirePermission('cases:write')
  @Post(':id/close-request')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CaseCloseRequestedDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`cases/case_not_editable`' })
  async requestClose(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CloseRequestDto,
  ): Promise<CaseCloseRequestedDto> {
    const { case: requested, approval } = await this.cases.requestClose(principal, id, body, this.approvals);
    return {
      case: toCaseDto(requested),
      approval: {
        id: approval.id,
        contentHash: approval.contentHash,
        status: approval.status,
        expiresAt: approval.expiresAt.toISOString(),
      },
    };
  }
}
