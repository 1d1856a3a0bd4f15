import type { Tx } from '@platform/database';
import type { ApprovalContent, UserPrincipal } from '@domains/identity';
import type { ApprovalRequestEntity } from '../request/approval-request.entity.js';

/**
 * What the approvals domain needs to know about one kind of change. Each kind's handler lives here, in approvals,
 * and calls the owning domain's public service, so that domain never depends on approvals.
 */
export interface ApprovalHandler {
  /** The kind it handles, e.g. `identity.user_roles.change`. */
  readonly kind: string;
  /**
   * The request's content as it would be built now, inside the approval's transaction (lock what `apply` changes);
   * null when its subject is gone or can no longer be changed. Differing from the stored content voids the request.
   */
  currentContent(tx: Tx, request: ApprovalRequestEntity): Promise<ApprovalContent | null>;
  /** Applies the approved change in the approval's transaction, recording the domain's own audit entry. */
  apply(tx: Tx, request: ApprovalRequestEntity, approver: UserPrincipal): Promise<void>;
}

/** The handlers of every kind (a Nest provider token holding `ApprovalHandler[]`). */
export const APPROVAL_HANDLERS = Symbol.for('verity.approvals.ApprovalHandlers');
