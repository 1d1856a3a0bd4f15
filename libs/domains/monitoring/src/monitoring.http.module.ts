import { Module } from '@nestjs/common';
import { MonitoringModule } from './monitoring.module.js';

/** The monitoring routes (imported by apps/api only). */
@Module({ imports: [MonitoringModule] })
export class MonitoringHttpModule {}
