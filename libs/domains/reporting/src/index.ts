export { ReportingError, type ReportingErrorCode } from './reporting.errors.js';
export { ReportingModule } from './reporting.module.js';
export { ReportingHttpModule } from './reporting.http.module.js';
export { ReportingJobsModule } from './reporting.jobs.module.js';
export { type ReportingJobs, reportingQueue } from './reporting.queue.js';
export {
  REPORT_FORMATS,
  REPORT_KINDS,
  type ReportAccount,
  type ReportAddress,
  type ReportDocument,
  type ReportEntity,
  type ReportEvidence,
  type ReportEvidenceRecord,
  type ReportFormat,
  type ReportIdentifier,
  type ReportIdentifierType,
  type ReportInstitution,
  type ReportKind,
  type ReportParty,
  type ReportPerson,
  type ReportTransaction,
  type ReportTransactionSide,
} from './document/report.document.js';
