import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { BacktestDto, CreateBacktestDto } from './backtest.dto.js';
import type { BacktestEntity } from './backtest.entity.js';
import { BacktestService } from './backtest.service.js';

function toDto(row: BacktestEntity): BacktestDto {
  return {
    id: row.id,
    ruleSetId: row.ruleSetId,
    shadowModelId: row.shadowModelId,
    from: row.from.toISOString(),
    to: row.to.toISOString(),
    status: row.status,
    processed: row.processed,
    total: row.total,
    result: row.result,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/** Backtests: replay stored transactions through a draft rule set next to the published one. */
@ApiTags('backtests')
@Controller('v1/backtests')
export class BacktestController {
  constructor(private readonly backtests: BacktestService) {}

  /**
   * Starts a backtest of a draft over the transactions booked in [from, to). It runs on the worker; poll
   * `GET /v1/backtests/{id}` for progress (`processed` of `total`) and the result.
   */
  @RequirePermission('rules:write')
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: BacktestDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`monitoring/backtest_invalid`' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateBacktestDto): Promise<BacktestDto> {
    const row = await this.backtests.request(principal, {
      ruleSetId: body.ruleSetId,
      includeShadowModelId: body.includeShadowModelId,
      from: new Date(body.from),
      to: new Date(body.to),
    });
    return toDto(row);
  }

  /** The tenant's backtests, newest first. */
  @RequirePermission('rules:read')
  @Get()
  @ApiOkResponse({ type: [BacktestDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<BacktestDto[]> {
    return (await this.backtests.list(principal.tenantId)).map(toDto);
  }

  /** One backtest: its progress while it runs, its result once completed. */
  @RequirePermission('rules:read')
  @Get(':id')
  @ApiOkResponse({ type: BacktestDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<BacktestDto> {
    return toDto(await this.backtests.get(principal.tenantId, id));
  }
}
