export { ApprovalsError, type ApprovalsErrorCode } from './approvals.errors.js';
export { ApprovalsModule } from './approvals.module.js';
export { ApprovalsHttpModule } from './approvals.http.module.js';
export { APPROVAL_HANDLERS, type ApprovalHandler } from './handler/approval.handler.js';
export { hashApprovalContent } from './request/approval-content.hasher.js';
export { APPROVAL_STATUSES, type ApprovalStatus } from './request/approval-request.entity.js';
export { APPROVAL_REFUSALS, approvalRefusal, type ApprovalRefusal } from './request/approval.policy.js';
export { ApprovalService, type ApprovalView } from './request/approval.service.js';
