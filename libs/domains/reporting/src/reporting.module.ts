import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';

/** Regulator reports: drafts from cases, goAML and FinCEN XML, PDF, evidence packs, approvals, filings and deadlines (shared by apps/api and apps/worker). */
@Module({
  imports: [TypeOrmModule.forFeature([]), AuditModule],
  providers: [],
  exports: [],
})
export class ReportingModule {}
