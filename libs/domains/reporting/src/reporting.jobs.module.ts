import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { ReportingProcessor } from './deadline/reporting.processor.js';
import { ReportingModule } from './reporting.module.js';

/** The reporting processors (imported by apps/worker only). */
@Module({ imports: [ReportingModule, IdentityModule], providers: [ReportingProcessor] })
export class ReportingJobsModule {}
