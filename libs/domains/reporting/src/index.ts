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
export { ReportRenderer, type RenderedReport, type ReportFieldProblem } from './render/report.renderer.js';
export {
  ReportEvidenceService,
  type ReportEvidenceSubject,
  type ReportPackInput,
} from './evidence/report-evidence.service.js';
export { verifyReportPack, type ReportPackVerification } from './evidence/report-pack.verifier.js';
export {
  REPORT_PACK_BINDING_ACTION,
  REPORT_PACK_FORMAT,
  REPORT_PACK_MANIFEST,
  type ReportPackManifest,
} from './evidence/report-pack.manifest.js';
export { ReportDocumentBuilder, REPORT_MAX_TRANSACTIONS } from './draft/report-document.builder.js';
export {
  REPORT_APPROVAL,
  ReportService,
  defaultFormats,
  type ReportApprovalContent,
  type ReportProblem,
} from './report/report.service.js';
export { REPORT_STATUSES, type ReportStatus } from './report/report.entity.js';
export { ReportInstitutionService } from './institution/report-institution.service.js';
export { ReportDeadlineService, type ReportDeadlineRow } from './deadline/report-deadline.service.js';
export { CtrScanService, type CtrScanOutcome } from './ctr/ctr-scan.service.js';
export { neutraliseCsvCell, writeCsv } from './report/report-csv.writer.js';
export { parseFincenAcknowledgement, acknowledgementOutcome } from './filing/fincen-acknowledgement.parser.js';
export { seedReportingDemo } from './demo/reporting-demo.seeder.js';
// ReportDocument fixtures (pure data) for tests across the project: several subjects, a Cyrillic name, an unknown
// date of birth, a business, a CTR day.
export {
  ctrDocumentFixture,
  institutionFixture,
  reportDocumentFixture,
  withTransactions,
} from './render/report-document.fixture.js';
