import { Module } from '@nestjs/common';
import { MonitoringModule } from './monitoring.module.js';

/** The monitoring processors (imported by apps/worker only). */
@Module({ imports: [MonitoringModule] })
export class MonitoringJobsModule {}
