import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { AlertDashboardService } from './alert-dashboard.service.js';
import { AlertDashboardDto, AlertDashboardQueryDto } from './dashboard.dto.js';

@ApiTags('dashboards')
@Controller('v1/dashboards')
export class DashboardController {
  constructor(private readonly dashboards: AlertDashboardService) {}

  /**
   * Alert and case figures over a window (default the last 30 days, at most 366): volumes by type and queue per
   * day, SLA breaches, false-positive rates, time to disposition (median, p90), analyst throughput, cases by status
   * and by report due date.
   */
  @RequirePermission('alerts:read')
  @Get('alerts')
  @ApiOkResponse({ type: AlertDashboardDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: '`cases/window_invalid`' })
  alerts(@CurrentPrincipal() principal: Principal, @Query() query: AlertDashboardQueryDto): Promise<AlertDashboardDto> {
    return this.dashboards.alerts(principal.tenantId, query);
  }
}
