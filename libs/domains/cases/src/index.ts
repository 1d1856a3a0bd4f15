export { CasesError, type CasesErrorCode } from './cases.errors.js';
export { CasesModule } from './cases.module.js';
export { CasesHttpModule } from './cases.http.module.js';
export { CasesJobsModule } from './cases.jobs.module.js';
export { type CasesAlertsJobs, type CasesJobs, casesAlertsQueue, casesQueue } from './cases.queue.js';
export {
  ALERT_DISPOSITIONS,
  ALERT_PRIORITIES,
  ALERT_REASON_CODES,
  ALERT_SEGMENTS,
  ALERT_STATUSES,
  ALERT_SUBJECT_TYPES,
  ALERT_TYPES,
  ESCALATED_TO_CASE,
  type AlertDisposition,
  type AlertPriority,
  type AlertSegment,
  type AlertStatus,
  type AlertSubjectType,
  type AlertType,
} from './alert/alert.types.js';
export { AlertIntakeService, INTAKE_OVERLAP_MS, type NewAlertInput } from './intake/alert-intake.service.js';
export {
  AlertWorkflowService,
  type AlertWorker,
  type DispositionInput,
  type SlaScanOptions,
} from './alert/alert-workflow.service.js';
export { AlertQueryService } from './alert/alert-query.service.js';
export { CaseQueueService, type QueueInput } from './queue/case-queue.service.js';
export {
  CASE_REPORT_SOURCE,
  type CaseDetermination,
  type CaseReportBasis,
  type CaseReportSource,
  type CaseReportSubject,
} from './case/case-report.source.js';
export {
  CASE_CLOSE,
  CaseService,
  type CaseCloseContent,
  type CaseDetail,
  type CreateCaseInput,
} from './case/case.service.js';
export { CaseDeadlineService } from './case/case-deadline.service.js';
export { reportDueAt, deadlineStage, type ReportDeadlineRules } from './case/case-deadline.policy.js';
export { seedCasesDemo } from './case/case-demo.seeder.js';
export {
  FLOW_SUBJECT_TYPES,
  buildFlowGraph,
  type FlowGraph,
  type FlowGraphEdge,
  type FlowGraphNode,
  type FlowGraphSource,
  type FlowNodeKind,
  type FlowSubject,
  type FlowSubjectType,
} from './investigation/flow-graph.builder.js';
export {
  escapeXml,
  formatMinor,
  renderFlowGraphSvg,
  type FlowGraphSvgOptions,
} from './investigation/flow-graph.svg.js';
export { InvestigationService, FLOW_GRAPH_NODE_CAP } from './investigation/investigation.service.js';
export { AlertDashboardService } from './dashboard/alert-dashboard.service.js';
