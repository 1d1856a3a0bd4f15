import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { ReportInstitutionController } from './institution/report-institution.controller.js';
import { ReportController } from './report/report.controller.js';
import { ReportingModule } from './reporting.module.js';

/** The reporting routes (imported by apps/api only). */
@Module({ imports: [ReportingModule, IdentityModule], controllers: [ReportController, ReportInstitutionController] })
export class ReportingHttpModule {}
