import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { encodeBase64 } from '../canonical/base64.codec.js';
import type { AuditEntryDto } from './audit.dto.js';
import { AuditReader, type ReadAuditEntry } from './audit-reader.service.js';
import { AUDIT_SEARCH_DEFAULT_LIMIT, AuditSearchPageDto, AuditSearchQueryDto } from './audit-search.dto.js';
import { AuditSearchRepository } from './audit-search.repository.js';

function toEntryDto(entry: ReadAuditEntry): AuditEntryDto {
  return {
    index: entry.index,
    leaf: encodeBase64(entry.leaf),
    leafMatchesTree: entry.leafMatchesTree,
    recordedAt: entry.recordedAt,
    actor: { ...entry.actor },
    action: entry.action,
    subject: { ...entry.subject },
    payloadHash: encodeBase64(entry.payloadHash),
    payloadStatus: entry.payloadStatus,
    payload: (entry.payload as Record<string, unknown> | null) ?? null,
  };
}

/** Finding entries in the caller's tenant log by what they are about, rather than by leaf index. */
@ApiTags('audit')
@Controller('v1/audit')
export class AuditSearchController {
  constructor(
    private readonly search: AuditSearchRepository,
    private readonly reader: AuditReader,
  ) {}

  /**
   * Integrated entries of the caller's tenant matching every given filter, newest leaf index first, in the shape of
   * `/v1/audit/entries`. Page with `cursor`: the index only goes down, so entries integrated meanwhile never shift a
   * page.
   */
  @RequirePermission('audit:read')
  @Get('search')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: AuditSearchPageDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: '`platform/validation_failed` for a malformed filter' })
  async searchEntries(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditSearchQueryDto,
  ): Promise<AuditSearchPageDto> {
    const limit = query.limit ?? AUDIT_SEARCH_DEFAULT_LIMIT;
    // One more than asked, to know whether another page follows without a count.
    const stored = await this.search.search(
      principal.tenantId,
      {
        subjectType: query.subjectType,
        subjectId: query.subjectId,
        actorType: query.actorType,
        actorId: query.actorId,
        action: query.action,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
      },
      { limit: limit + 1, beforeIndex: query.cursor },
    );
    const page = stored.slice(0, limit);
    const entries = await this.reader.decodeEntries(principal.tenantId, page);
    return {
      entries: entries.map(toEntryDto),
      nextCursor: stored.length > limit ? (page[page.length - 1].index ?? null) : null,
    };
  }
}
