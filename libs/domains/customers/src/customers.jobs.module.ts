import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { CustomersModule } from './customers.module.js';
import { CustomersProcessor } from './review/customer-review.processor.js';

/** The customers processors (imported by apps/worker only). */
@Module({ imports: [CustomersModule, IdentityModule], providers: [CustomersProcessor] })
export class CustomersJobsModule {}
