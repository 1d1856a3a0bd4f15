import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, actorOf, type Principal } from '@domains/identity';
import type { AuditExportRecord } from './audit-export.repository.js';
import { AuditExportRequestService } from './audit-export-request.service.js';
import {
  AuditExportCreatedDto,
  AuditExportDto,
  AuditExportsDto,
  AuditExportsQueryDto,
  CreateAuditExportDto,
} from './audit-export.dto.js';

/** Evidence packs of the caller's tenant log, built by the worker and downloaded as `.tar.gz`. */
@ApiTags('audit')
@Controller('v1/audit/exports')
export class AuditExportController {
  constructor(private readonly exports: AuditExportRequestService) {}

  /**
   * Requests an evidence pack of one data subject (`subject`) or of an index range (`from`, `to` exclusive); the
   * worker builds it. 400 for a malformed selection, 422 `audit/export_too_large` over AUDIT_EXPORT_MAX_ENTRIES and
   * `audit/export_nothing_selected` when no checkpoint covers an entry of it; nothing is stored then.
   */
  @RequirePermission('audit:export')
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AuditExportCreatedDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAuditExportDto,
  ): Promise<AuditExportCreatedDto> {
    const created = await this.exports.request(principal.tenantId, actorOf(principal), body);
    return { id: created.id, status: created.status };
  }

  /** The tenant's exports, newest first. */
  @RequirePermission('audit:read')
  @Get()
  @ApiOkResponse({ type: AuditExportsDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: AuditExportsQueryDto): Promise<AuditExportsDto> {
    const found = await this.exports.list(principal.tenantId, query.limit ?? 50);
    return { exports: found.map(toDto) };
  }

  /** One export: its status, progress, error, and the pack's SHA-256 and size once it succeeded. */
  @RequirePermission('audit:read')
  @Get(':id')
  @ApiOkResponse({ type: AuditExportDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<AuditExportDto> {
    return toDto(await this.exports.get(principal.tenantId, id));
  }

  /**
   * The finished pack, `evidence-<origin>-<id>.tar.gz` (one folder; `verity verify-pack` or its verify.html checks
   * it). 409 `audit/export_not_ready` until the export has succeeded.
   */
  @RequirePermission('audit:read')
  @Get(':id/download')
  @ApiProduces('application/gzip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StreamableFile> {
    const { fileName, archive } = await this.exports.download(principal.tenantId, id);
    return new StreamableFile(archive, {
      type: 'application/gzip',
      disposition: `attachment; filename="${fileName}"`,
      length: archive.length,
    });
  }
}

function toDto(record: AuditExportRecord): AuditExportDto {
  const { selection } = record;
  return {
    id: record.id,
    status: record.status,
    selection:
      selection.kind === 'subject'
        ? { subject: { type: selection.subject.type, id: selection.subject.id } }
        : { from: selection.start, to: selection.end },
    requestedBy: { type: record.requestedBy.type, id: record.requestedBy.id },
    progress: { done: record.progress.done, total: record.progress.total },
    error: record.error,
    sha256: record.archiveSha256 ? Buffer.from(record.archiveSha256).toString('hex') : null,
    size: record.archiveSize,
    recordedEntryId: record.recordedEntryId,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}
