import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { CaseAttachmentEntity } from './case/case-attachment.entity.js';
import { CaseEventEntity } from './case/case-event.entity.js';
import { CaseNoteEntity } from './case/case-note.entity.js';
import { CASE_REPORT_SOURCE } from './case/case-report.source.js';
import { CaseReportService } from './case/case-report.service.js';
import { CaseSubjectEntity } from './case/case-subject.entity.js';
import { CaseTransactionEntity } from './case/case-transaction.entity.js';
import { CaseDeadlineService } from './case/case-deadline.service.js';
import { CaseEntity } from './case/case.entity.js';
import { CaseRepository } from './case/case.repository.js';
import { CaseService } from './case/case.service.js';
import { CustomersModule } from '@domains/customers';
import { IdentityModule } from '@domains/identity';
import { MonitoringModule } from '@domains/monitoring';
import { AlertDashboardService } from './dashboard/alert-dashboard.service.js';
import { DashboardRepository } from './dashboard/dashboard.repository.js';
import { InvestigationRepository } from './investigation/investigation.repository.js';
import { InvestigationService } from './investigation/investigation.service.js';
import { CaseAlertEventEntity } from './alert/case-alert-event.entity.js';
import { CaseAlertEntity } from './alert/case-alert.entity.js';
import { AlertIntakeCursorEntity } from './intake/alert-intake-cursor.entity.js';
import { CaseQueueEntity } from './queue/case-queue.entity.js';
import { ScreeningModule } from '@domains/screening';
import { AlertQueryService } from './alert/alert-query.service.js';
import { AlertWorkflowService } from './alert/alert-workflow.service.js';
import { CaseAlertRepository } from './alert/case-alert.repository.js';
import { AlertIntakeCursorRepository } from './intake/alert-intake-cursor.repository.js';
import { AlertIntakeService } from './intake/alert-intake.service.js';
import { AlertSourceWriter } from './intake/alert-source.writer.js';
import { CaseQueueRepository } from './queue/case-queue.repository.js';
import { CaseQueueService } from './queue/case-queue.service.js';

/** Alert queues and case management: alerts from every source, queues, claims, SLAs, dispositions, cases with their notes, attachments, timeline and four-eyes closure (shared by apps/api and apps/worker). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      CaseQueueEntity,
      CaseAlertEntity,
      CaseAlertEventEntity,
      AlertIntakeCursorEntity,
      CaseEntity,
      CaseSubjectEntity,
      CaseTransactionEntity,
      CaseNoteEntity,
      CaseAttachmentEntity,
      CaseEventEntity,
    ]),
    AuditModule,
    CustomersModule,
    IdentityModule,
    MonitoringModule,
    ScreeningModule,
  ],
  providers: [
    CaseAlertRepository,
    CaseQueueRepository,
    AlertIntakeCursorRepository,
    CaseQueueService,
    AlertSourceWriter,
    AlertIntakeService,
    AlertWorkflowService,
    AlertQueryService,
    CaseRepository,
    CaseService,
    CaseDeadlineService,
    CaseReportService,
    { provide: CASE_REPORT_SOURCE, useExisting: CaseReportService },
    InvestigationRepository,
    InvestigationService,
    DashboardRepository,
    AlertDashboardService,
  ],
  exports: [
    AlertIntakeService,
    AlertWorkflowService,
    AlertQueryService,
    CaseQueueService,
    CaseAlertRepository,
    CaseService,
    CaseDeadlineService,
    CASE_REPORT_SOURCE,
    InvestigationService,
    AlertDashboardService,
  ],
})
export class CasesModule {}
