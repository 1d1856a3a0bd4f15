import { DomainError } from '@platform/errors';

export type MonitoringErrorCode =
  /** No such object in the caller's tenant (another tenant's id answers the same). */
  | 'monitoring/not_found'
  /** A transaction request without an `Idempotency-Key` header, or with one that is not 1-255 printable characters. */
  | 'monitoring/idempotency_key_missing'
  /** The `Idempotency-Key` was already used with a different request body (or another endpoint): use a new key. */
  | 'monitoring/idempotency_key_reused'
  /** The first request with this `Idempotency-Key` is still being decided: retry shortly to get its stored answer. */
  | 'monitoring/idempotency_key_in_flight'
  /** A transaction with this `id` was already decided under another `Idempotency-Key`; fetch it by id instead. */
  | 'monitoring/transaction_exists'
  /** The customer or account is not known and the tenant's policy is to reject unknown parties. */
  | 'monitoring/unknown_customer'
  /** The transaction is well-formed but cannot be accepted (unsupported currency, amount out of range, ...). */
  | 'monitoring/invalid_transaction'
  /** The rule-set document is not valid (unknown fact or operator, bad thresholds, ...); `errors` lists each with its path. */
  | 'monitoring/rule_set_invalid'
  /** The rule set is not in a state that allows this (only drafts are edited, only drafts are submitted, ...). */
  | 'monitoring/rule_set_not_editable'
  /** The uploaded file is not an ONNX model this system can score with (`problems` lists why); nothing was stored. */
  | 'monitoring/model_schema_mismatch'
  /** The upload request is malformed (no name, content not base64, ...). */
  | 'monitoring/model_upload_invalid'
  /** The uploaded model is larger than the allowed size. */
  | 'monitoring/model_too_large'
  /** The model's status does not allow this transition (e.g. retiring the champion, promoting a retired model). */
  | 'monitoring/model_transition_invalid'
  /** The backtest request is not valid (the rule set is not a draft, the period is empty or too long, ...). */
  | 'monitoring/backtest_invalid';

export class MonitoringError extends DomainError<MonitoringErrorCode> {}
