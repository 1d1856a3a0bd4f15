import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { MonitoringModule } from '@domains/monitoring';
import { ScreeningModule } from '@domains/screening';
import { Iso20022InboundService } from './inbound/iso20022-inbound.service.js';
import { Iso20022PartyScreener } from './inbound/iso20022-party.screener.js';
import { StatusFollowupRepository } from './followup/status-followup.repository.js';
import { StatusFollowupService } from './followup/status-followup.service.js';
import { MessageLogRepository } from './outbound/message-log.repository.js';
import { MessageLogService } from './outbound/message-log.service.js';
import { StatementService } from './outbound/statement.service.js';
import { PaymentReturnRepository } from './returns/payment-return.repository.js';
import { PaymentReturnService } from './returns/payment-return.service.js';
import { Iso20022MessageTransactionEntity } from './message/iso20022-message-transaction.entity.js';
import { Iso20022MessageEntity } from './message/iso20022-message.entity.js';
import { Iso20022MessageRepository } from './message/iso20022-message.repository.js';
import { Iso20022MessageStore } from './message/iso20022-message.store.js';
import { StatusReportBuilder } from './status/status-report.builder.js';

/** ISO 20022 in and out: inbound pacs.008 and pain.001, status reports, returns, statements and notifications, and the message log (shared by apps/api and apps/worker). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Iso20022MessageEntity, Iso20022MessageTransactionEntity]),
    AuditModule,
    MonitoringModule,
    ScreeningModule,
  ],
  providers: [
    Iso20022MessageRepository,
    Iso20022MessageStore,
    StatusReportBuilder,
    Iso20022PartyScreener,
    Iso20022InboundService,
    StatementService,
    MessageLogRepository,
    MessageLogService,
    PaymentReturnRepository,
    PaymentReturnService,
    StatusFollowupRepository,
    StatusFollowupService,
  ],
  exports: [
    Iso20022MessageStore,
    Iso20022InboundService,
    StatusReportBuilder,
    StatementService,
    MessageLogService,
    PaymentReturnService,
    StatusFollowupService,
  ],
})
export class Iso20022Module {}
