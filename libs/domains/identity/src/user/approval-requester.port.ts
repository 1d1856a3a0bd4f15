import type { Tx } from '@platform/database';
import type { AuditPayload } from '@domains/audit';
import type { Permission } from '../identity.permissions.js';

/**
 * Identity needs a second person's approval for some changes (a user's roles), but the approvals domain depends on
 * identity, not the reverse. So identity declares what it needs here, and the approvals module provides it globally
 * under APPROVAL_REQUESTER.
 */
export const APPROVAL_REQUESTER = Symbol.for('verity.identity.ApprovalRequester');

/** Exactly what is to be approved: a JSON object, hashed as RFC 8785 canonical JSON. */
export type ApprovalContent = { readonly [key: string]: AuditPayload };

export interface ApprovalRequestSpec {
  readonly tenantId: string;
  /** What kind of change, `<domain>.<noun>.<verb>`: e.g. `identity.user_roles.change`. */
  readonly kind: string;
  /** What the change is about; only one request per kind and subject is pending at a time. */
  readonly subject: { readonly type: string; readonly id: string };
  readonly content: ApprovalContent;
  /** The user asking for the change. */
  readonly requestedBy: string;
  /** The permission the approver must hold. */
  readonly requiredPermission: Permission;
}

export interface RequestedApproval {
  readonly id: string;
  /** SHA-256 (hex) of the canonical JSON of the content: the approver must send it back. */
  readonly contentHash: string;
  readonly status: 'pending';
  readonly expiresAt: Date;
  /** The pending request of the same kind and subject that this one replaced (now void), if any. */
  readonly replacedRequestId: string | null;
}

export interface PendingApproval {
  readonly id: string;
  readonly subjectId: string;
  readonly content: ApprovalContent;
  readonly contentHash: string;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly expiresAt: Date;
}

export interface ApprovalRequester {
  /** Opens a request inside the caller's transaction (so it exists if and only if the caller commits). */
  request(tx: Tx, spec: ApprovalRequestSpec): Promise<RequestedApproval>;
  /** The pending, unexpired requests of one kind in a tenant, for showing them beside their subjects. */
  findPending(tenantId: string, kind: string, subjectType: string): Promise<PendingApproval[]>;
}
