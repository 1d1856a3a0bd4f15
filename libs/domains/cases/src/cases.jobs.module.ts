import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { CasesModule } from './cases.module.js';
import { CasesProcessor } from './case/cases.processor.js';
import { CasesAlertsProcessor } from './intake/cases-alerts.processor.js';

/** The cases processors (imported by apps/worker only). */
@Module({ imports: [CasesModule, IdentityModule], providers: [CasesProcessor, CasesAlertsProcessor] })
export class CasesJobsModule {}
