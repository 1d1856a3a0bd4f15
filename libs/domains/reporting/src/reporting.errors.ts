import { DomainError } from '@platform/errors';

export type ReportingErrorCode =
  /** No report with that id the caller may see (a report the caller's roles may not see answers the same: no tipping off). */
  'reporting/report_not_found';

export class ReportingError extends DomainError<ReportingErrorCode> {}
