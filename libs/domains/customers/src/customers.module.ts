import { Module } from '@nestjs/common';

/** The customers domain: services and repositories (shared by apps/api and apps/worker). */
@Module({})
export class CustomersModule {}
