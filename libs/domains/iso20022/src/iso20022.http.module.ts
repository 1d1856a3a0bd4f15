import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { Iso20022InboundController } from './inbound/iso20022-inbound.controller.js';
import { Iso20022Module } from './iso20022.module.js';
import { MessageLogController } from './outbound/message-log.controller.js';
import { StatementController } from './outbound/statement.controller.js';
import { PaymentReturnController } from './returns/payment-return.controller.js';

/** The iso20022 routes (imported by apps/api only). */
@Module({
  imports: [Iso20022Module, IdentityModule],
  controllers: [Iso20022InboundController, StatementController, MessageLogController, PaymentReturnController],
})
export class Iso20022HttpModule {}
