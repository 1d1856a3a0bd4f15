import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { NameCheckService } from './check/name-check.service.js';
import { HitAdjudicationService } from './hit/hit-adjudication.service.js';
import { HitRecordingService } from './hit/hit-recording.service.js';
import { ScreeningHitEntity } from './hit/screening-hit.entity.js';
import { ScreeningHitRepository } from './hit/screening-hit.repository.js';
import { ScreeningIndexService } from './index/screening-index.service.js';
import { ListImportJobService } from './list/list-import-job.service.js';
import { ListImportService } from './list/list-import.service.js';
import { ScreeningListDeltaEntity } from './list/screening-list-delta.entity.js';
import { ScreeningListEntryEntity } from './list/screening-list-entry.entity.js';
import { ScreeningListVersionEntity } from './list/screening-list-version.entity.js';
import { ScreeningListEntity } from './list/screening-list.entity.js';
import { ScreeningListRepository } from './list/screening-list.repository.js';
import { RescreenJobService } from './rescreen/rescreen-job.service.js';
import { ScreeningSubjectEntity } from './subject/screening-subject.entity.js';
import { ScreeningSubjectRepository } from './subject/screening-subject.repository.js';
import { NameScreener, SubjectScreener } from './subject/subject-screener.port.js';
import { SubjectScreeningService } from './subject/subject-screening.service.js';
import { TuningService } from './tuning/tuning.service.js';

/**
 * The screening domain: services and repositories (shared by apps/api and apps/worker). Other domains import this
 * module for the NameScreener and SubjectScreener ports.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ScreeningListEntity,
      ScreeningListVersionEntity,
      ScreeningListEntryEntity,
      ScreeningListDeltaEntity,
      ScreeningSubjectEntity,
      ScreeningHitEntity,
    ]),
    AuditModule,
  ],
  providers: [
    ScreeningListRepository,
    ScreeningSubjectRepository,
    ScreeningHitRepository,
    ScreeningIndexService,
    ListImportService,
    ListImportJobService,
    NameCheckService,
    HitRecordingService,
    SubjectScreeningService,
    HitAdjudicationService,
    RescreenJobService,
    TuningService,
    { provide: NameScreener, useExisting: NameCheckService },
    { provide: SubjectScreener, useExisting: SubjectScreeningService },
  ],
  exports: [
    NameScreener,
    SubjectScreener,
    ListImportService,
    ListImportJobService,
    RescreenJobService,
    ScreeningIndexService,
    NameCheckService,
    SubjectScreeningService,
    HitAdjudicationService,
    TuningService,
  ],
})
export class ScreeningModule {}
