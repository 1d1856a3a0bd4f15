import { DomainError } from '@platform/errors';

export type ReportingErrorCode =
  /** No report with that id the caller may see (a report the caller's roles may not see answers the same: no tipping off). */
  | 'reporting/report_not_found'
  /** A rendered XML report does not validate against its format's XSD; the message lists the schema's issues. */
  | 'reporting/schema_invalid'
  /** The document lacks fields the format needs (or has values it refuses); the message lists them by path. */
  | 'reporting/report_fields_invalid'
  /** The audit evidence cannot be proven: no signed checkpoint yet, or the report's hash is not checkpointed. */
  | 'reporting/evidence_unavailable'
  /** The case does not exist in the caller's tenant. */
  | 'reporting/case_not_found'
  /** A report is drafted only from a case closed with the determination `sar_needed`. */
  | 'reporting/case_not_reportable'
  /** The change needs another status (e.g. edits only while a draft; filing only once approved). */
  | 'reporting/invalid_status'
  /** The report has validation problems (listed in `problems`): it cannot be submitted for approval. */
  | 'reporting/report_invalid'
  /** The report has no generated file of that format (not approved yet, or not one of its formats). */
  | 'reporting/artifact_not_found'
  /**
   * The acknowledgement is not a readable FinCEN BSA E-Filing acknowledgement (or carries a DOCTYPE: refused), or the
   * report was not generated as FinCEN XML, so no FinCEN acknowledgement applies to it.
   */
  | 'reporting/acknowledgement_invalid'
  /** The tenant has not set up its filing institution (PUT /v1/reporting/institution). */
  | 'reporting/institution_missing'
  /** A request value is not acceptable (named in the message). */
  | 'reporting/invalid_request'
  /** Only a person (not an API key) may do this. */
  | 'reporting/people_only';

export class ReportingError extends DomainError<ReportingErrorCode> {}
