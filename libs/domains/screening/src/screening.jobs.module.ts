import { Module } from '@nestjs/common';
import { ScreeningModule } from './screening.module.js';

/** The screening processors (imported by apps/worker only). */
@Module({ imports: [ScreeningModule] })
export class ScreeningJobsModule {}
