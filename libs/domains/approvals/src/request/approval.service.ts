import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditPayload } from '@domains/audit';
import {
  PERMISSIONS,
  type ApprovalRequestSpec,
  type ApprovalRequester,
  type PendingApproval,
  type Permission,
  UserAdminService,
  type Principal,
  type RequestedApproval,
  type UserPrincipal,
} from '@domains/identity';
import { ApprovalsError } from '../approvals.errors.js';
import { ApprovalHandlerRegistry } from '../handler/approval-handler.registry.js';
import { hashApprovalContent } from './approval-content.hasher.js';
import type { ApprovalRequestEntity, ApprovalStatus } from './approval-request.entity.js';
import { ApprovalRequestRepository, type ApprovalListFilter } from './approval-request.repository.js';
import { approvalRefusal, holdsPermission, type ApprovalRefusal } from './approval.policy.js';

/** A request as the caller may see it, with whether they may approve it now and, if not, why. */
export interface ApprovalView {
  readonly request: ApprovalRequestEntity;
  readonly mayApprove: boolean;
  readonly refusal: ApprovalRefusal | null;
}

/** Why a request was voided, as `decision_reason` and the audit entry record it. */
type VoidReason = 'content_changed' | 'superseded' | 'expired' | 'requester_disabled';

function notFound(): ApprovalsError {
  return new ApprovalsError('approvals/not_found', 'not_found', 'No such approval request in your tenant');
}

function alreadyDecided(request: ApprovalRequestEntity): ApprovalsError {
  return new ApprovalsError('approvals/already_decided', 'conflict', `The request is already ${request.status}`, {
    status: request.status,
  });
}

/** The error a refusal answers with when someone tries to approve anyway. */
function refusalError(refusal: Exclude<ApprovalRefusal, 'expired'>, request: ApprovalRequestEntity): ApprovalsError {
  switch (refusal) {
    case 'api_key':
      return new ApprovalsError('approvals/people_only', 'forbidden', 'Only a signed-in person can decide approvals');
    case 'not_pending':
      return alreadyDecided(request);
    case 'own_request':
      return new ApprovalsError(
        'approvals/self_approval',
        'forbidden',
        'You asked for this change: another person must approve it',
      );
    case 'own_subject':
      return new ApprovalsError(
        'approvals/self_approval',
        'forbidden',
        'This change is about you: another person must decide it',
      );
    case 'permission_missing':
      return new ApprovalsError(
        'approvals/permission_missing',
        'forbidden',
        `Approving this request needs the permission ${request.requiredPermission}`,
      );
    case 'reauthentication_required':
      return new ApprovalsError(
        'approvals/reauthentication_required',
        'forbidden',
        'Confirm your password or TOTP code (POST /v1/auth/reauthenticate), then approve again',
      );
  }
}

/**
 * Four-eyes approvals. A domain opens a request (`request`, inside its own transaction); a different person holding
 * the named permission approves exactly the stored content, and the kind's handler applies the change in the same
 * transaction. Every step is an audit entry of that transaction.
 */
@Injectable()
export class ApprovalService implements ApprovalRequester {
  constructor(
    private readonly requests: ApprovalRequestRepository,
    private readonly handlers: ApprovalHandlerRegistry,
    private readonly users: UserAdminService,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    private readonly ledger: AuditLedger,
  ) {}

  /** Opens a request in the caller's transaction; a pending request of the same kind and subject is voided. */
  async request(tx: Tx, spec: ApprovalRequestSpec): Promise<RequestedApproval> {
    this.handlers.handlerOf(spec.kind);
    const contentHash = hashApprovalContent(spec.content);
    const { tenantId, kind, subject } = spec;
    await this.requests.lockSubject(tx, tenantId, kind, subject.type, subject.id);
    const previous = await this.requests.findPendingForSubjectForUpdate(tx, tenantId, kind, subject.type, subject.id);
    if (previous) await this.void(tx, previous, spec.requestedBy, 'superseded');
    const expiresAt = new Date(Date.now() + this.config.values.APPROVAL_EXPIRY_HOURS * 3_600_000);
    const created = await this.requests.insert(tx, {
      tenantId,
      kind,
      subjectType: subject.type,
      subjectId: subject.id,
      content: spec.content,
      contentHash,
      requestedBy: spec.requestedBy,
      requiredPermission: spec.requiredPermission,
      expiresAt,
    });
    await this.ledger.record(tx, {
      tenantId,
      actor: { type: 'user', id: spec.requestedBy },
      action: 'approvals.requested',
      subject: { type: 'approval_request', id: created.id },
      payload: {
        kind,
        subjectType: subject.type,
        subjectId: subject.id,
        content: spec.content,
        contentHash,
        requiredPermission: spec.requiredPermission,
        expiresAt: expiresAt.toISOString(),
        replacedRequestId: previous?.id ?? null,
      },
    });
    return { id: created.id, contentHash, status: 'pending', expiresAt, replacedRequestId: previous?.id ?? null };
  }

  async findPending(tenantId: string, kind: string, subjectType: string): Promise<PendingApproval[]> {
    const pending = await this.transactions.run(
      (tx) => this.requests.findPendingOfKind(tx, tenantId, kind, subjectType),
      {
        tenantId,
      },
    );
    return pending.map((p) => ({
      id: p.id,
      subjectId: p.subjectId,
      content: p.content,
      contentHash: p.contentHash,
      requestedBy: p.requestedBy,
      requestedAt: p.requestedAt,
      expiresAt: p.expiresAt,
    }));
  }

  async list(
    principal: Principal,
    query: { box: ApprovalListFilter['box']; status?: ApprovalStatus; limit: number },
  ): Promise<ApprovalView[]> {
    const userId = principal.kind === 'user' ? principal.userId : principal.keyId;
    const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => holdsPermission(principal, p));
    const found = await this.transactions.run(
      (tx) => this.requests.list(tx, principal.tenantId, { ...query, userId, permissions }),
      { tenantId: principal.tenantId },
    );
    return found.map((request) => this.view(request, principal));
  }

  async get(principal: Principal, id: string): Promise<ApprovalView> {
    const request = await this.transactions.run((tx) => this.requests.findById(tx, principal.tenantId, id), {
      tenantId: principal.tenantId,
    });
    if (!request) throw notFound();
    return this.view(request, principal);
  }

  /**
   * Approves and applies, in one transaction holding the request's lock: the four-eyes rules, then the hash the
   * approver saw, then whether the content is still current. A stale or changed request is voided (and that commits)
   * before the error is thrown; nothing is applied.
   */
  async approve(principal: Principal, id: string, contentHash: string): Promise<ApprovalRequestEntity> {
    const tenantId = principal.tenantId;
    const outcome = await this.transactions.run(
      async (tx): Promise<{ approved: ApprovalRequestEntity } | { voided: VoidReason }> => {
        const request = await this.requests.findByIdForUpdate(tx, tenantId, id);
        if (!request) throw notFound();
        const refusal = approvalRefusal(request, principal, new Date(), this.config.values.APPROVAL_REAUTH_MINUTES);
        if (refusal === 'expired') {
          await this.void(tx, request, (principal as UserPrincipal).userId, 'expired');
          return { voided: 'expired' };
        }
        if (refusal !== null) throw refusalError(refusal, request);
        const approver = principal as UserPrincipal;
        if (contentHash !== request.contentHash) {
          throw new ApprovalsError(
            'approvals/content_hash_mismatch',
            'conflict',
            'The contentHash sent is not the hash of this request: reload it and check what you approve',
          );
        }
        // A requester disabled since (a compromised account, a leaver) no longer vouches for the change.
        if (!(await this.users.isEnabled(tx, tenantId, request.requestedBy))) {
          await this.void(tx, request, approver.userId, 'requester_disabled');
          return { voided: 'requester_disabled' };
        }
        const handler = this.handlers.handlerOf(request.kind);
        const current = await handler.currentContent(tx, request);
        const currentHash = current === null ? null : hashApprovalContent(current);
        if (currentHash !== request.contentHash) {
          await this.void(tx, request, approver.userId, 'content_changed', { currentContentHash: currentHash });
          return { voided: 'content_changed' };
        }
        const approved = await this.conclude(tx, request, 'approved', approver.userId, null, {
          subjectType: request.subjectType,
          subjectId: request.subjectId,
          requestedBy: request.requestedBy,
          reauthenticatedAt: approver.reauthenticatedAt.toISOString(),
        });
        await handler.apply(tx, request, approver);
        return { approved };
      },
      { tenantId },
    );
    if ('approved' in outcome) return outcome.approved;
    if (outcome.voided === 'expired') {
      throw new ApprovalsError(
        'approvals/expired',
        'conflict',
        'The request expired without a decision; it is now void',
      );
    }
    if (outcome.voided === 'requester_disabled') {
      throw new ApprovalsError(
        'approvals/requester_disabled',
        'conflict',
        "The requester's account has been disabled since; the request is now void and nothing was applied",
      );
    }
    throw new ApprovalsError(
      'approvals/content_changed',
      'conflict',
      'What this request would change is no longer what was requested; it is now void and nothing was applied',
    );
  }

  /** Rejects a pending request, with the reason; the same people who could approve it may reject it. */
  async reject(principal: Principal, id: string, reason: string): Promise<ApprovalRequestEntity> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const request = await this.requests.findByIdForUpdate(tx, tenantId, id);
        if (!request) throw notFound();
        const refusal = approvalRefusal(request, principal, new Date(), this.config.values.APPROVAL_REAUTH_MINUTES);
        // Saying no needs no fresh re-authentication, and an expired request may still be rejected.
        if (refusal !== null && refusal !== 'reauthentication_required' && refusal !== 'expired') {
          throw refusalError(refusal, request);
        }
        const rejecter = principal as UserPrincipal;
        return this.conclude(tx, request, 'rejected', rejecter.userId, reason);
      },
      { tenantId },
    );
  }

  /** The requester takes back a pending request. */
  async withdraw(principal: Principal, id: string): Promise<ApprovalRequestEntity> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const request = await this.requests.findByIdForUpdate(tx, tenantId, id);
        if (!request) throw notFound();
        if (principal.kind !== 'user' || principal.userId !== request.requestedBy) {
          throw new ApprovalsError('approvals/not_requester', 'forbidden', 'Only the requester can withdraw a request');
        }
        if (request.status !== 'pending') throw alreadyDecided(request);
        return this.conclude(tx, request, 'withdrawn', principal.userId, null);
      },
      { tenantId },
    );
  }

  private view(request: ApprovalRequestEntity, principal: Principal): ApprovalView {
    const refusal = approvalRefusal(request, principal, new Date(), this.config.values.APPROVAL_REAUTH_MINUTES);
    return { request, mayApprove: refusal === null, refusal };
  }

  private async void(
    tx: Tx,
    request: ApprovalRequestEntity,
    by: string,
    reason: VoidReason,
    details: Record<string, AuditPayload> = {},
  ): Promise<void> {
    await this.conclude(tx, request, 'void', by, reason, details);
  }

  /**
   * Ends a pending request with `status`, decided by the person `by`, and records it in the ledger (action
   * `approvals.<approved|rejected|withdrawn|voided>`, with the request's kind, content hash and reason) in the
   * caller's transaction.
   */
  private async conclude(
    tx: Tx,
    request: ApprovalRequestEntity,
    status: Exclude<ApprovalStatus, 'pending'>,
    by: string,
    reason: string | null,
    details: Record<string, AuditPayload> = {},
  ): Promise<ApprovalRequestEntity> {
    const decidedAt = await this.requests.decide(tx, request.tenantId, request.id, { status, decidedBy: by, reason });
    await this.ledger.record(tx, {
      tenantId: request.tenantId,
      actor: { type: 'user', id: by },
      action: `approvals.${status === 'void' ? 'voided' : status}`,
      subject: { type: 'approval_request', id: request.id },
      payload: {
        kind: request.kind,
        contentHash: request.contentHash,
        ...(reason === null ? {} : { reason }),
        ...details,
      },
    });
    return { ...request, status, decidedBy: by, decidedAt, decisionReason: reason };
  }
}
