import { Module } from '@nestjs/common';

/** The screening domain: services and repositories (shared by apps/api and apps/worker). */
@Module({})
export class ScreeningModule {}
