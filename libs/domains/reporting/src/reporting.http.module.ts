import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { ReportingModule } from './reporting.module.js';

/** The reporting routes (imported by apps/api only). */
@Module({ imports: [ReportingModule, IdentityModule], controllers: [] })
export class ReportingHttpModule {}
