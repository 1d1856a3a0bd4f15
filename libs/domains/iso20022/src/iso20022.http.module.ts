import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { Iso20022Module } from './iso20022.module.js';

/** The iso20022 routes (imported by apps/api only). */
@Module({ imports: [Iso20022Module, IdentityModule], controllers: [] })
export class Iso20022HttpModule {}
