import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import type { ScreeningHitEntity } from './screening-hit.entity.js';
import {
  AdjudicateHitDto,
  HitListQueryDto,
  ScreeningHitDetailDto,
  ScreeningHitListDto,
  type ScreeningHitViewDto,
} from './screening-hit.dto.js';
import { HitAdjudicationService, type HitDetail } from './hit-adjudication.service.js';

function toDto(h: ScreeningHitEntity): ScreeningHitViewDto {
  return {
    id: h.id,
    subjectKind: h.subjectKind,
    subjectId: h.subjectId,
    customerId: h.customerId,
    listSource: h.listSource,
    entryExternalId: h.entryExternalId,
    entryName: h.entryName,
    matchedName: h.matchedName,
    score: h.score,
    explanation: h.explanation,
    status: h.status,
    adjudicationReason: h.adjudicationReason,
    adjudicatedBy: h.adjudicatedBy,
    adjudicatedAt: h.adjudicatedAt?.toISOString() ?? null,
    createdAt: h.createdAt.toISOString(),
  };
}

function toDetailDto(detail: HitDetail): ScreeningHitDetailDto {
  return {
    ...toDto(detail.hit),
    subject: detail.subject ? { ...detail.subject.snapshot } : null,
    entry: (detail.entry as Record<string, unknown> | null) ?? null,
  };
}

/** Screening hits of customers, related parties and counterparties, and their adjudication. */
@ApiTags('screening')
@Controller('v1/screening/hits')
export class ScreeningHitController {
  constructor(private readonly hits: HitAdjudicationService) {}

  /** Hits of the tenant, best score first, filtered by status, subject kind, customer or subject. */
  @RequirePermission('screening:read')
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ScreeningHitListDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: HitListQueryDto): Promise<ScreeningHitListDto> {
    const hits = await this.hits.list(principal.tenantId, { ...query, limit: query.limit ?? 100 });
    return { hits: hits.map(toDto) };
  }

  /** One hit with the subject's snapshot and the list entry, for side-by-side review. */
  @RequirePermission('screening:read')
  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ScreeningHitDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ScreeningHitDetailDto> {
    return toDetailDto(await this.hits.get(principal.tenantId, id));
  }

  /**
   * Marks an open hit a true match or a false positive, with a reason (audit-recorded). A false positive suppresses
   * the subject-entry pair until the subject's snapshot or the entry's content changes.
   */
  @RequirePermission('screening:adjudicate')
  @Post(':id/adjudication')
  @HttpCode(200)
  @ApiOkResponse({ type: ScreeningHitDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`screening/hit_already_adjudicated`' })
  async adjudicate(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: AdjudicateHitDto,
  ): Promise<ScreeningHitDetailDto> {
    const detail = await this.hits.adjudicate(
      principal.tenantId,
      actorOf(principal),
      id,
      body.decision,
      body.reason.trim(),
    );
    return toDetailDto(detail);
  }
}
