import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';

/** Alert queues and case management: alerts from every source, queues, claims, SLAs, dispositions, cases with their notes, attachments, timeline and four-eyes closure (shared by apps/api and apps/worker). */
@Module({
  imports: [TypeOrmModule.forFeature([]), AuditModule],
  providers: [],
  exports: [],
})
export class CasesModule {}
