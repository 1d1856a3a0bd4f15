import { Module } from '@nestjs/common';
import { HttpPlatformModule } from '@platform/http';
import { AuditModule } from './audit.module.js';
import { AuditMetrics } from './monitoring/audit.metrics.js';
import { AuditAnchorsController } from './reader/audit-anchors.controller.js';
import { AuditController } from './reader/audit.controller.js';
import { AuditSearchController } from './reader/audit-search.controller.js';

/** The audit routes, metrics and readiness check (imported by apps/api only). */
@Module({
  imports: [AuditModule, HttpPlatformModule],
  controllers: [AuditController, AuditSearchController, AuditAnchorsController],
  providers: [AuditMetrics],
})
export class AuditHttpModule {}
