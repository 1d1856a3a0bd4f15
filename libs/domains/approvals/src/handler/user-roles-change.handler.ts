import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import {
  USER_ROLES_CHANGE,
  UserAdminService,
  type ApprovalContent,
  type UserPrincipal,
  type UserRolesChangeContent,
} from '@domains/identity';
import type { ApprovalRequestEntity } from '../request/approval-request.entity.js';
import type { ApprovalHandler } from './approval.handler.js';

function toRolesOf(content: ApprovalContent): string[] {
  const roles = content.toRoles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}

/** A change of a user's roles (the first real use of four-eyes): checked and applied by identity's UserAdminService. */
@Injectable()
export class UserRolesChangeHandler implements ApprovalHandler {
  readonly kind = USER_ROLES_CHANGE;

  constructor(private readonly users: UserAdminService) {}

  currentContent(tx: Tx, request: ApprovalRequestEntity): Promise<UserRolesChangeContent | null> {
    return this.users.currentRoleChange(tx, request.tenantId, request.subjectId, toRolesOf(request.content));
  }

  async apply(tx: Tx, request: ApprovalRequestEntity, approver: UserPrincipal): Promise<void> {
    // The service approved exactly this content: its hash equals what currentContent builds now.
    const content = await this.currentContent(tx, request);
    if (!content) throw new Error(`approval ${request.id}: the user vanished between the check and the change`);
    await this.users.applyRoleChange(tx, {
      tenantId: request.tenantId,
      content,
      approvalRequestId: request.id,
      requestedBy: request.requestedBy,
      approvedBy: approver.userId,
    });
  }
}
