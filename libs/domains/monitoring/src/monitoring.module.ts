import { Module } from '@nestjs/common';

/** The monitoring domain: services and repositories (shared by apps/api and apps/worker). */
@Module({})
export class MonitoringModule {}
