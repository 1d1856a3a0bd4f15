import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { TuningReportDto } from './tuning.dto.js';
import { TuningService } from './tuning.service.js';

/** The threshold tuning report from analysts' decisions. */
@ApiTags('screening')
@Controller('v1/screening/tuning')
export class TuningController {
  constructor(private readonly tuning: TuningService) {}

  /**
   * Precision, recall and F1 per threshold (0.50 to 1.00 by 0.05) and per list, from adjudicated hits, with a
   * suggested threshold (best F1, the highest on a tie). Recall counts only true matches that were raised as hits.
   */
  @RequirePermission('screening:read')
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: TuningReportDto })
  async report(@CurrentPrincipal() principal: Principal): Promise<TuningReportDto> {
    return {
      lists: await this.tuning.report(principal.tenantId),
      note: 'Computed over adjudicated hits only: recall is relative to the true matches that were raised as hits.',
    };
  }
}
