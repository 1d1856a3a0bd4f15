import { Module } from '@nestjs/common';
import { ScreeningModule } from './screening.module.js';

/** The screening routes (imported by apps/api only). */
@Module({ imports: [ScreeningModule] })
export class ScreeningHttpModule {}
