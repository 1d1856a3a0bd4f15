import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { renderFlowGraphSvg } from './flow-graph.svg.js';
import { CaseTransactionsDto, FlowGraphDto, FlowGraphWindowQueryDto } from './investigation.dto.js';
import { InvestigationService } from './investigation.service.js';

/** A case's investigation views: its transactions with their decisions, and the money flows around it. */
@ApiTags('cases')
@Controller('v1/cases')
export class CaseInvestigationController {
  constructor(private readonly investigations: InvestigationService) {}

  /**
   * The case's transactions (linked directly or through its alerts) with amount, parties, decision, score, the
   * reasons, the largest feature contributions and the rule-set and model versions used.
   */
  @RequirePermission('cases:read')
  @Get(':id/transactions')
  @ApiOkResponse({ type: CaseTransactionsDto })
  @ApiNotFoundResponse({ type: ProblemDetails, description: '`cases/case_not_found`' })
  transactions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CaseTransactionsDto> {
    return this.investigations.caseTransactions(principal.tenantId, id);
  }

  /** The money-flow graph around the case's subjects and the customers of its transactions. */
  @RequirePermission('cases:read')
  @Get(':id/flow-graph')
  @ApiOkResponse({ type: FlowGraphDto })
  @ApiNotFoundResponse({ type: ProblemDetails, description: '`cases/case_not_found`' })
  @ApiBadRequestResponse({ type: ProblemDetails })
  flowGraph(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: FlowGraphWindowQueryDto,
  ): Promise<FlowGraphDto> {
    return this.investigations.caseFlowGraph(principal.tenantId, id, query);
  }

  /** The case's money-flow graph drawn as an SVG picture. */
  @RequirePermission('cases:read')
  @Get(':id/flow-graph.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async flowGraphSvg(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: FlowGraphWindowQueryDto,
  ): Promise<string> {
    return renderFlowGraphSvg(await this.investigations.caseFlowGraph(principal.tenantId, id, query));
  }
}
