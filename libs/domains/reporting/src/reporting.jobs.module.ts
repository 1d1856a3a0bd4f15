import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { ReportingModule } from './reporting.module.js';

/** The reporting processors (imported by apps/worker only). */
@Module({ imports: [ReportingModule, IdentityModule], providers: [] })
export class ReportingJobsModule {}
