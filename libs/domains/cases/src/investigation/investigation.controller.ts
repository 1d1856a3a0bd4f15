import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { renderFlowGraphSvg } from './flow-graph.svg.js';
import { CustomerGlanceDto, FlowGraphDto, FlowGraphQueryDto } from './investigation.dto.js';
import { InvestigationService } from './investigation.service.js';

/** Investigation views that cut across customers, monitoring and cases. */
@ApiTags('investigations')
@Controller('v1/investigations')
export class InvestigationController {
  constructor(private readonly investigations: InvestigationService) {}

  /**
   * A customer at a glance: profile with its KYC risk rating and why, the 50 most recent transactions with their
   * decisions, past alerts (all sources) and cases naming the customer.
   */
  @RequirePermission('customers:read')
  @Get('customers/:customerId')
  @ApiOkResponse({ type: CustomerGlanceDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  customer(
    @CurrentPrincipal() principal: Principal,
    @Param('customerId', ParseUUIDPipe) customerId: string,
  ): Promise<CustomerGlanceDto> {
    return this.investigations.customerGlance(principal.tenantId, customerId);
  }

  /**
   * The money-flow graph around a customer, account or counterparty, from stored transactions booked in the window
   * (default the last 90 days, at most 366): nodes and edges (the way the money went, count and sum per currency).
   * At most 150 nodes (`truncated` says when flows were left out).
   */
  @RequirePermission('transactions:read')
  @Get('flow-graph')
  @ApiOkResponse({ type: FlowGraphDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: '`cases/window_invalid` or invalid parameters' })
  flowGraph(@CurrentPrincipal() principal: Principal, @Query() query: FlowGraphQueryDto): Promise<FlowGraphDto> {
    return this.investigations.flowGraph(principal.tenantId, query);
  }

  /** The same graph drawn as an SVG picture (subject in the centre, one ring per hop). */
  @RequirePermission('transactions:read')
  @Get('flow-graph.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiBadRequestResponse({ type: ProblemDetails })
  async flowGraphSvg(@CurrentPrincipal() principal: Principal, @Query() query: FlowGraphQueryDto): Promise<string> {
    return renderFlowGraphSvg(await this.investigations.flowGraph(principal.tenantId, query));
  }
}
