import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { CasesModule } from './cases.module.js';

/** The cases routes (imported by apps/api only). */
@Module({ imports: [CasesModule, IdentityModule], controllers: [] })
export class CasesHttpModule {}
