import { DomainError } from '@platform/errors';

export type ApprovalsErrorCode =
  /** No approval request with that id in the caller's tenant (another tenant's id answers the same). */
  | 'approvals/not_found'
  /** The request was already approved, rejected, withdrawn or voided: a decision is final. */
  | 'approvals/already_decided'
  /** The caller asked for the change, or is its subject: a different person must decide it (four-eyes). */
  | 'approvals/self_approval'
  /** The caller's roles do not grant the permission this request names for its approver. */
  | 'approvals/permission_missing'
  /** Approving needs a sign-in or re-authentication (password or TOTP) within the last few minutes. */
  | 'approvals/reauthentication_required'
  /** API keys cannot decide approvals: only a signed-in person can. */
  | 'approvals/people_only'
  /** The `contentHash` sent is not the request's: the approver did not see what is stored. Nothing changed. */
  | 'approvals/content_hash_mismatch'
  /** What the request would change is no longer what was requested (e.g. the user's roles changed meanwhile, or the
   * user was disabled): the request is now void and nothing was applied. Ask for a new request. */
  | 'approvals/content_changed'
  /** The requester's account was disabled after asking: the request is now void and nothing was applied. */
  | 'approvals/requester_disabled'
  /** The request passed its expiry time without a decision: it is now void. */
  | 'approvals/expired'
  /** Only the person who asked for the change can withdraw the request. */
  | 'approvals/not_requester';

export class ApprovalsError extends DomainError<ApprovalsErrorCode> {}
