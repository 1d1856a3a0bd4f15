import { DomainError } from '@platform/errors';

export type Iso20022ErrorCode =
  /** No ISO 20022 message with that id in the caller's tenant. */
  | 'iso20022/message_not_found'
  /** The body is larger than ISO20022_MAX_BODY_BYTES (413). */
  | 'iso20022/body_too_large'
  /** The body declares or uses a DTD (`<!DOCTYPE`, `<!ENTITY`): refused before parsing (XXE, entity expansion). */
  | 'iso20022/dtd_forbidden'
  /** The body is not UTF-8 (invalid bytes, a byte-order mark or declaration of another encoding). */
  | 'iso20022/encoding_unsupported'
  /** Elements nest deeper than the bound (64): refused before parsing. */
  | 'iso20022/nesting_too_deep'
  /** The body is not well-formed XML (or the content type is not XML). */
  | 'iso20022/malformed_xml'
  /** No `Document` of a supported message definition: the problem names the namespace found (or its absence). */
  | 'iso20022/unsupported_message'
  /** The Document (or AppHdr) breaks its XSD: `errors` lists `{line, column, element, message}`. */
  | 'iso20022/schema_invalid'
  /** The message is XSD-valid but cannot be taken: more transactions than accepted, an over-precise amount, an unknown currency… (`errors` names the element). */
  | 'iso20022/message_invalid'
  /** The Idempotency-Key header is malformed, or was used before for a different message. */
  | 'iso20022/idempotency_key_invalid'
  /** Parsing and validation went past their time bound. */
  | 'iso20022/processing_timeout'
  /** A statement or notification request is not usable: an unknown kind, `to` not after `from`, a period over 366 days, an opening balance without camt.053 and a currency, or more than 10,000 transactions (one message's bound) (400). */
  | 'iso20022/statement_invalid'
  /** The transaction was already returned with a pacs.004 (409). */
  | 'iso20022/already_returned'
  /** The transaction cannot be returned: it did not come in through an ISO 20022 message, or was not accepted (pending review or rejected) (422). */
  | 'iso20022/not_returnable';

export class Iso20022Error extends DomainError<Iso20022ErrorCode> {}
