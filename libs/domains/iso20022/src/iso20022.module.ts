import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';

/** ISO 20022 in and out: inbound pacs.008 and pain.001, status reports, returns, statements and notifications, and the message log (shared by apps/api and apps/worker). */
@Module({
  imports: [TypeOrmModule.forFeature([]), AuditModule],
  providers: [],
  exports: [],
})
export class Iso20022Module {}
