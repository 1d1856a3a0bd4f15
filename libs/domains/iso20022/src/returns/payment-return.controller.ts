import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { PaymentReturnDto, ReturnPaymentDto } from './payment-return.dto.js';
import { PaymentReturnService } from './payment-return.service.js';

/** pacs.004 returns of payments rejected after acceptance. */
@ApiTags('iso20022')
@Controller('v1/iso20022/transactions')
export class PaymentReturnController {
  constructor(private readonly returns: PaymentReturnService) {}

  /**
   * Returns an accepted inbound payment (monitoring transaction id) with a pacs.004.001.09 carrying the original
   * group and transaction references, amount and parties; stored, audited, and the payment marked `returned`.
   */
  @RequirePermission('alerts:work')
  @Post(':transactionId/return')
  @ApiCreatedResponse({ type: PaymentReturnDto })
  @ApiConflictResponse({ type: ProblemDetails, description: '`iso20022/already_returned`' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`iso20022/not_returnable`' })
  async returnPayment(
    @CurrentPrincipal() principal: Principal,
    @Param('transactionId', ParseUUIDPipe) transactionId: string,
    @Body() body: ReturnPaymentDto,
  ): Promise<PaymentReturnDto> {
    return this.returns.returnPayment(
      principal.tenantId,
      actorOf(principal),
      transactionId,
      body.reasonCode,
      body.additionalInfo,
    );
  }
}
