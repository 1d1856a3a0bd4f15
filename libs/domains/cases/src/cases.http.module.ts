import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '@platform/config';
import { IdentityModule } from '@domains/identity';
import { CasesModule } from './cases.module.js';
import { CaseController } from './case/case.controller.js';
import { AlertController } from './alert/alert.controller.js';
import { AlertMetrics } from './alert/alert.metrics.js';
import { CaseQueueController } from './queue/case-queue.controller.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { CaseInvestigationController } from './investigation/case-investigation.controller.js';
import { InvestigationController } from './investigation/investigation.controller.js';

/**
 * Multipart uploads (case attachments) stop reading one byte past CASES_ATTACHMENT_MAX_BYTES, so an oversized file is
 * refused with 413 without being buffered whole; the service checks the exact limit. The name is kept as sent
 * (`preservePath`), so a name carrying a path is refused (422) rather than silently cut to its last segment.
 */
const attachmentUploads = MulterModule.registerAsync({
  useFactory: (config: AppConfig) => ({
    preservePath: true,
    limits: { fileSize: config.values.CASES_ATTACHMENT_MAX_BYTES + 1, files: 1 },
  }),
  inject: [AppConfig],
});

/** The cases routes (imported by apps/api only). */
@Module({
  imports: [CasesModule, IdentityModule, attachmentUploads],
  controllers: [
    AlertController,
    CaseQueueController,
    CaseController,
    InvestigationController,
    CaseInvestigationController,
    DashboardController,
  ],
  providers: [AlertMetrics],
})
export class CasesHttpModule {}
