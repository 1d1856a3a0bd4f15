import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { AlertListQueryDto, AlertPageDto } from './alert.dto.js';
import { AlertQueryService } from './alert-query.service.js';

@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertController {
  constructor(private readonly alerts: AlertQueryService) {}

  /** Alerts raised by review and block decisions, newest first (the analysts' queues build on these). */
  @RequirePermission('transactions:read')
  @Get()
  @ApiOkResponse({ type: AlertPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: AlertListQueryDto): Promise<AlertPageDto> {
    return this.alerts.list(principal.tenantId, query);
  }
}
