import { Module } from '@nestjs/common';
import { CustomersModule } from './customers.module.js';

/** The customers routes (imported by apps/api only). */
@Module({ imports: [CustomersModule] })
export class CustomersHttpModule {}
