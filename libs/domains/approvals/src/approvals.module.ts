import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { APPROVAL_REQUESTER, IdentityModule } from '@domains/identity';
import { MonitoringModule } from '@domains/monitoring';
import { CustomersModule } from '@domains/customers';
import { CasesModule } from '@domains/cases';
import { ReportingModule } from '@domains/reporting';
import { APPROVAL_HANDLERS, type ApprovalHandler } from './handler/approval.handler.js';
import { ApprovalHandlerRegistry } from './handler/approval-handler.registry.js';
import { CaseCloseHandler } from './handler/case-close.handler.js';
import { ModelPromotionHandler } from './handler/model-promotion.handler.js';
import { ReportApprovalHandler } from './handler/report-approval.handler.js';
import { RiskMatrixActivationHandler } from './handler/risk-matrix-activation.handler.js';
import { RuleSetPublishHandler } from './handler/rule-set-publish.handler.js';
import { UserRolesChangeHandler } from './handler/user-roles-change.handler.js';
import { ApprovalRequestEntity } from './request/approval-request.entity.js';
import { ApprovalRequestRepository } from './request/approval-request.repository.js';
import { ApprovalService } from './request/approval.service.js';

/**
 * Four-eyes approvals: the requests, the rules, and one handler per kind of change. Global because identity (which
 * approvals depends on) injects APPROVAL_REQUESTER without importing this module: that keeps the dependency one-way.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([ApprovalRequestEntity]),
    IdentityModule,
    AuditModule,
    MonitoringModule,
    CustomersModule,
    CasesModule,
    ReportingModule,
  ],
  providers: [
    ApprovalRequestRepository,
    ApprovalService,
    ApprovalHandlerRegistry,
    UserRolesChangeHandler,
    RuleSetPublishHandler,
    ModelPromotionHandler,
    RiskMatrixActivationHandler,
    CaseCloseHandler,
    ReportApprovalHandler,
    {
      provide: APPROVAL_HANDLERS,
      useFactory: (...handlers: ApprovalHandler[]): ApprovalHandler[] => handlers,
      inject: [
        UserRolesChangeHandler,
        RuleSetPublishHandler,
        ModelPromotionHandler,
        RiskMatrixActivationHandler,
        CaseCloseHandler,
        ReportApprovalHandler,
      ],
    },
    { provide: APPROVAL_REQUESTER, useExisting: ApprovalService },
  ],
  exports: [ApprovalService, APPROVAL_REQUESTER],
})
export class ApprovalsModule {}
