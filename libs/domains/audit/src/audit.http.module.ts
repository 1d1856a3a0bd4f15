import { Module } from '@nestjs/common';
import { HttpPlatformModule } from '@platform/http';
import { AuditModule } from './audit.module.js';
import { AuditExportController } from './export/audit-export.controller.js';
import { AuditExportRequestService } from './export/audit-export-request.service.js';
import { AuditMetrics } from './monitoring/audit.metrics.js';
import { AuditAnchorsController } from './reader/audit-anchors.controller.js';
import { AuditController } from './reader/audit.controller.js';
import { AuditSearchController } from './reader/audit-search.controller.js';

/**
 * The audit routes, metrics and readiness check (imported by apps/api only). Evidence-pack requests are queued
 * through the outbox (JobProducer, from the app's QueueModule) for the worker's AuditExportProcessor.
 */
@Module({
  imports: [AuditModule, HttpPlatformModule],
  controllers: [AuditController, AuditSearchController, AuditAnchorsController, AuditExportController],
  providers: [AuditMetrics, AuditExportRequestService],
})
export class AuditHttpModule {}
