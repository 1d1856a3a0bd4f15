export { CasesError, type CasesErrorCode } from './cases.errors.js';
export { CasesModule } from './cases.module.js';
export { CasesHttpModule } from './cases.http.module.js';
export { CasesJobsModule } from './cases.jobs.module.js';
export { type CasesAlertsJobs, type CasesJobs, casesAlertsQueue, casesQueue } from './cases.queue.js';
export {
  CASE_REPORT_SOURCE,
  type CaseDetermination,
  type CaseReportBasis,
  type CaseReportSource,
  type CaseReportSubject,
} from './case/case-report.source.js';
