import { Module } from '@nestjs/common';
import { ScreeningModule } from './screening.module.js';
import { ScreeningQueueProcessor } from './screening-queue.processor.js';

/** The screening processors (imported by apps/worker only): list imports and re-screening. */
@Module({ imports: [ScreeningModule], providers: [ScreeningQueueProcessor] })
export class ScreeningJobsModule {}
