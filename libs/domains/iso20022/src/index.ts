export { Iso20022Error, type Iso20022ErrorCode } from './iso20022.errors.js';
export {
  ISO20022_DIRECTIONS,
  ISO20022_MESSAGE_STATUSES,
  Iso20022MessageEntity,
  type Iso20022Direction,
  type Iso20022MessageStatus,
  type Iso20022MessageSummary,
} from './message/iso20022-message.entity.js';
export {
  ISO20022_TRANSACTION_STATUSES,
  Iso20022MessageTransactionEntity,
  type Iso20022TransactionStatus,
} from './message/iso20022-message-transaction.entity.js';
export {
  type Iso20022MessageFilters,
  type NewIso20022MessageTransaction,
} from './message/iso20022-message.repository.js';
export {
  digestOf,
  ISO20022_MESSAGE_RECEIVED_ACTION,
  ISO20022_MESSAGE_REJECTED_ACTION,
  ISO20022_MESSAGE_SENT_ACTION,
  Iso20022MessageStore,
  type Iso20022MessageInput,
  type Iso20022MessageTransactionView,
  type Iso20022MessageView,
} from './message/iso20022-message.store.js';
export { iso20022Schema, iso20022SchemaPath } from './xml/iso20022-schema.locator.js';
export { buildPaymentMessage, type PaymentMessageSpec, type PaymentSpec } from './inbound/payment-message.factory.js';
export {
  Iso20022InboundService,
  type InboundAnswer,
  type InboundLap,
  type InboundStep,
} from './inbound/iso20022-inbound.service.js';
export { StatementService } from './outbound/statement.service.js';
export { PaymentReturnService } from './returns/payment-return.service.js';
export { StatusFollowupService } from './followup/status-followup.service.js';
export { Iso20022Module } from './iso20022.module.js';
export { Iso20022HttpModule } from './iso20022.http.module.js';
export { Iso20022JobsModule } from './iso20022.jobs.module.js';
export { type Iso20022Jobs, iso20022Queue } from './iso20022.queue.js';
