import { Module } from '@nestjs/common';
import { CustomersModule } from './customers.module.js';

/** The customers processors (imported by apps/worker only). */
@Module({ imports: [CustomersModule] })
export class CustomersJobsModule {}
