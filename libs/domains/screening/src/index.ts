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
export { seedScreeningDemo, readDemoOfacFiles, readDemoUnXml, demoSanctionsDir } from './demo/screening-demo.seeder.js';
export { ListImportJobService, type ListImportOutcome } from './list/list-import-job.service.js';
export { HitAdjudicationService, type HitFeedItem } from './hit/hit-adjudication.service.js';
export type { HitStatus, ScreeningHitEntity } from './hit/screening-hit.entity.js';
export { ListImportService, type ListImportRequest } from './list/list-import.service.js';
export { RescreenJobService, RESCREEN_COUNTERPARTY_DAYS } from './rescreen/rescreen-job.service.js';
export type { ListEntryRecord, ListEntityType, ParsedList } from './lists/list-entry.js';
// The matching engine and the list parsers, for scripts (bench:screening) and other domains' tests.
export {
  DEFAULT_MATCH_THRESHOLD,
  NameIndex,
  type IndexedEntry,
  type MatchExplanation,
  type MatchQuery,
  type NameMatch,
  type NameSearchOptions,
} from './matching/name.index.js';
export {
  buildEvaluationSet,
  evaluateAt,
  scoreEvaluationSet,
  seededRandom,
  type EvaluationCase,
} from './matching/evaluation-set.js';
export { parseOfacSdn } from './lists/ofac-sdn.parser.js';
export { parseUnConsolidated } from './lists/un-consolidated.parser.js';
export { parseInternalList } from './lists/internal-list.parser.js';
export { ListFormatError } from './lists/list-format.error.js';
