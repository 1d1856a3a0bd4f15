import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { CasesModule } from '@domains/cases';
import { CustomersModule } from '@domains/customers';
import { MonitoringModule } from '@domains/monitoring';
import { CtrScanService } from './ctr/ctr-scan.service.js';
import { ReportDeadlineNoticeEntity } from './deadline/report-deadline-notice.entity.js';
import { ReportDeadlineNoticeRepository } from './deadline/report-deadline-notice.repository.js';
import { ReportDeadlineService } from './deadline/report-deadline.service.js';
import { ReportDocumentBuilder } from './draft/report-document.builder.js';
import { ReportInstitutionEntity } from './institution/report-institution.entity.js';
import { ReportInstitutionRepository } from './institution/report-institution.repository.js';
import { ReportInstitutionService } from './institution/report-institution.service.js';
import { ReportArtifactEntity } from './report/report-artifact.entity.js';
import { ReportEntity } from './report/report.entity.js';
import { ReportRepository } from './report/report.repository.js';
import { ReportService } from './report/report.service.js';
import { ReportEvidenceService } from './evidence/report-evidence.service.js';
import { ReportRenderer } from './render/report.renderer.js';

/** Regulator reports: drafts from cases, goAML and FinCEN XML, PDF, evidence packs, approvals, filings and deadlines (shared by apps/api and apps/worker). */
@Module({
  imports: [
    TypeOrmModule.forFeature([ReportInstitutionEntity, ReportEntity, ReportArtifactEntity, ReportDeadlineNoticeEntity]),
    AuditModule,
    CasesModule,
    CustomersModule,
    MonitoringModule,
  ],
  providers: [
    ReportRenderer,
    ReportEvidenceService,
    ReportInstitutionRepository,
    ReportInstitutionService,
    ReportRepository,
    ReportDeadlineNoticeRepository,
    ReportDocumentBuilder,
    ReportService,
    ReportDeadlineService,
    CtrScanService,
  ],
  exports: [
    ReportRenderer,
    ReportEvidenceService,
    ReportDocumentBuilder,
    ReportService,
    ReportInstitutionService,
    ReportDeadlineService,
    CtrScanService,
  ],
})
export class ReportingModule {}
