import { Module } from '@nestjs/common';
import { NameCheckController } from './check/name-check.controller.js';
import { ScreeningHitController } from './hit/screening-hit.controller.js';
import { ScreeningListController } from './list/screening-list.controller.js';
import { ScreeningModule } from './screening.module.js';
import { TuningController } from './tuning/tuning.controller.js';

/** The screening routes (imported by apps/api only). */
@Module({
  imports: [ScreeningModule],
  controllers: [NameCheckController, ScreeningListController, ScreeningHitController, TuningController],
})
export class ScreeningHttpModule {}
