import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { Iso20022Module } from './iso20022.module.js';
import { Iso20022Processor } from './followup/iso20022.processor.js';

/** The iso20022 processors (imported by apps/worker only). */
@Module({ imports: [Iso20022Module, IdentityModule], providers: [Iso20022Processor] })
export class Iso20022JobsModule {}
