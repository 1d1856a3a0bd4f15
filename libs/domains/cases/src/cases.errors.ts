import { DomainError } from '@platform/errors';

export type CasesErrorCode =
  /** No alert with that id in the caller's tenant. */
  | 'cases/alert_not_found'
  /** Someone else holds the alert (or it was claimed a moment earlier by a concurrent request). 409. */
  | 'cases/alert_already_claimed'
  /** The alert is closed or escalated, or (for escalation/related alerts) held by someone else. 409. */
  | 'cases/alert_not_workable'
  /** Dispositions and releases need the caller to hold the alert: claim it first. 409. */
  | 'cases/alert_not_held'
  /** The reason code is not one of ALERT_REASON_CODES for the disposition. 400. */
  | 'cases/reason_code_invalid'
  /** Only a signed-in person may claim, release or dispose alerts (API keys may not). 403. */
  | 'cases/alert_people_only'
  /** No alert queue with that id in the caller's tenant. 404. */
  | 'cases/queue_not_found'
  /** Claim-next found no open, unclaimed alert in the queue. 404. */
  | 'cases/queue_empty'
  /** Another queue of the tenant has that name. 409. */
  | 'cases/queue_name_taken'
  /** A queue member is not an active user of the tenant holding alerts:work. 422. */
  | 'cases/queue_member_invalid'
  /** A queue definition is malformed beyond what the DTO checks (routing, SLAs). 400. */
  | 'cases/queue_invalid'
  /** No case with that id in the caller's tenant. */
  | 'cases/case_not_found'
  /** A case request is malformed beyond what the DTO checks (e.g. an unknown subject type, a blank title). 400. */
  | 'cases/case_invalid'
  /** A transaction id given to a case is not a monitoring transaction of the tenant. 422. */
  | 'cases/transaction_not_found'
  /** The case is closed or waiting for closure approval, so it can no longer be changed that way. 409. */
  | 'cases/case_not_editable'
  /** Only a signed-in person may ask for a case's closure (four-eyes needs a named requester). 403. */
  | 'cases/people_only'
  /** No attachment with that id on that case. 404. */
  | 'cases/attachment_not_found'
  /** The uploaded file is larger than CASES_ATTACHMENT_MAX_BYTES. 413. */
  | 'cases/attachment_too_large'
  /** The file's bytes are of a type not in CASES_ATTACHMENT_TYPES (HTML and SVG never are: they can carry script). 415. */
  | 'cases/attachment_type_forbidden'
  /** The file name carries a path, control characters, or is longer than 255 bytes. 422. */
  | 'cases/attachment_name_invalid'
  /** The multipart request has no `file` field. 400. */
  | 'cases/attachment_missing'
  /** A dashboard or flow-graph window is malformed: `from` must be before `to`, at most 366 days apart. 400. */
  | 'cases/window_invalid'
  /** A flow-graph subject is malformed (unknown type, empty id). 400. */
  | 'cases/flow_subject_invalid';

export class CasesError extends DomainError<CasesErrorCode> {}
