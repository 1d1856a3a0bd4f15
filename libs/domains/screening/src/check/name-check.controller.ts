import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { NameCheckDto, NameCheckResultDto, type CheckHitDto } from './name-check.dto.js';
import { NameCheckService } from './name-check.service.js';

/** On-demand name screening against the tenant's active lists (open to integration keys). */
@ApiTags('screening')
@Controller('v1/screening/check')
export class NameCheckController {
  constructor(private readonly checks: NameCheckService) {}

  /**
   * Screens one name (and optionally its entity type, date of birth and country) against the tenant's active lists:
   * the hits with their score and explanation, best first. Nothing is stored.
   */
  @RequirePermission('screening:check')
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: NameCheckResultDto })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails, description: '`screening/name_too_long`' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`screening/name_empty`' })
  async check(@CurrentPrincipal() principal: Principal, @Body() body: NameCheckDto): Promise<NameCheckResultDto> {
    const hits = await this.checks.check(
      principal.tenantId,
      { name: body.name, entityType: body.entityType, dateOfBirth: body.dateOfBirth, country: body.country },
      { limit: body.limit, minScore: body.minScore },
    );
    return {
      hits: hits.map((h): CheckHitDto => ({
        ...h,
        explanation: [...h.explanation],
        details: {
          ...h.details,
          matchedTokens: [...h.details.matchedTokens],
          adjustments: [...h.details.adjustments],
        },
      })),
    };
  }
}
