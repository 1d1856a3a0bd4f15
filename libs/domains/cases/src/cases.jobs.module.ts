import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { CasesModule } from './cases.module.js';

/** The cases processors (imported by apps/worker only). */
@Module({ imports: [CasesModule, IdentityModule], providers: [] })
export class CasesJobsModule {}
