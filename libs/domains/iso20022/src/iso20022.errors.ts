import { DomainError } from '@platform/errors';

export type Iso20022ErrorCode =
  /** No ISO 20022 message with that id in the caller's tenant. */
  'iso20022/message_not_found';

export class Iso20022Error extends DomainError<Iso20022ErrorCode> {}
