import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { ApprovalsModule } from './approvals.module.js';
import { ApprovalController } from './request/approval.controller.js';

/** The approvals routes (imported by apps/api only). */
@Module({
  imports: [ApprovalsModule, IdentityModule],
  controllers: [ApprovalController],
})
export class ApprovalsHttpModule {}
