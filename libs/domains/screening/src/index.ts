export { ScreeningError, type ScreeningErrorCode } from './screening.errors.js';
export { ScreeningModule } from './screening.module.js';
export { ScreeningHttpModule } from './screening.http.module.js';
export { ScreeningJobsModule } from './screening.jobs.module.js';
export { screeningQueue, type ScreeningJobs } from './screening.queue.js';
export {
  NameScreener,
  SubjectScreener,
  type ScreeningHitSummary,
  type ScreeningSubjectInput,
  type SubjectScreeningOutcome,
} from './subject/subject-screener.port.js';
