import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { CasesError } from '../cases.errors.js';
import {
  AlertDetailDto,
  AlertDispositionDto,
  AlertDispositionResultDto,
  AlertItemDto,
  AlertListQueryDto,
  AlertPageDto,
} from './alert.dto.js';
import { AlertQueryService } from './alert-query.service.js';
import { AlertWorkflowService, type AlertWorker } from './alert-workflow.service.js';

/** Only people work alerts (an API key is no assignee). */
export function workerOf(principal: Principal): AlertWorker {
  if (principal.kind !== 'user') {
    throw new CasesError('cases/alert_people_only', 'forbidden', 'Only a signed-in person may work alerts');
  }
  return {
    userId: principal.userId,
    officer: principal.roles.includes('compliance_officer') || principal.roles.includes('admin'),
  };
}

/** The analysts' alerts: list, detail with timeline, claim, release, disposition. */
@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertController {
  constructor(
    private readonly query: AlertQueryService,
    private readonly workflow: AlertWorkflowService,
  ) {}

  /** Alerts of every source, most urgent first by default; `total` counts every match for paging with offset. */
  @RequirePermission('alerts:read')
  @Get()
  @ApiOkResponse({ type: AlertPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: AlertListQueryDto): Promise<AlertPageDto> {
    return this.query.list(principal.tenantId, principal.kind === 'user' ? principal.userId : null, query);
  }

  /** One alert with its source evidence, timeline and the other open alerts about the same subject. */
  @RequirePermission('alerts:read')
  @Get(':alertId')
  @ApiOkResponse({ type: AlertDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', ParseUUIDPipe) alertId: string,
  ): Promise<AlertDetailDto> {
    return this.query.get(principal.tenantId, alertId);
  }

  /** Takes the alert (exactly one of two concurrent claimers wins). */
  @RequirePermission('alerts:work')
  @Post(':alertId/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertItemDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({
    type: ProblemDetails,
    description: '`cases/alert_already_claimed`, `cases/alert_not_workable`',
  })
  async claim(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', ParseUUIDPipe) alertId: string,
  ): Promise<AlertItemDto> {
    const alert = await this.workflow.claim(principal.tenantId, workerOf(principal), alertId);
    return (await this.query.toItems(principal.tenantId, [alert]))[0];
  }

  /** Gives the alert back to its queue (its holder, or an officer). */
  @RequirePermission('alerts:work')
  @Post(':alertId/release')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertItemDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`cases/alert_not_held`' })
  async release(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', ParseUUIDPipe) alertId: string,
  ): Promise<AlertItemDto> {
    const alert = await this.workflow.release(principal.tenantId, workerOf(principal), alertId);
    return (await this.query.toItems(principal.tenantId, [alert]))[0];
  }

  /**
   * True or false positive with a reason code, by the alert's holder; related alerts close with it, and each
   * disposition is written back to its source (monitoring alert, screening hit) in the same transaction.
   */
  @RequirePermission('alerts:work')
  @Post(':alertId/disposition')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertDispositionResultDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`cases/alert_not_held`, `cases/alert_not_workable`' })
  async dispose(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', ParseUUIDPipe) alertId: string,
    @Body() body: AlertDispositionDto,
  ): Promise<AlertDispositionResultDto> {
    const closed = await this.workflow.dispose(principal.tenantId, workerOf(principal), alertId, {
      disposition: body.disposition,
      reasonCode: body.reasonCode,
      note: body.note ?? null,
      relatedAlertIds: body.relatedAlertIds ?? [],
    });
    return { closed: await this.query.toItems(principal.tenantId, closed) };
  }
}
