import { PERMISSIONS, type Permission, type Principal } from '@domains/identity';
import type { ApprovalStatus } from './approval-request.entity.js';

/** Why a principal may not approve a request now; the API shows it beside each request. */
export const APPROVAL_REFUSALS = [
  'api_key',
  'not_pending',
  'own_request',
  'own_subject',
  'permission_missing',
  'expired',
  'reauthentication_required',
] as const;
export type ApprovalRefusal = (typeof APPROVAL_REFUSALS)[number];

export interface ApprovalRequestFacts {
  readonly status: ApprovalStatus;
  readonly requestedBy: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly requiredPermission: string;
  readonly expiresAt: Date;
}

function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** Whether the principal's roles grant a permission named by a stored request (an unknown name grants nothing). */
export function holdsPermission(principal: Principal, permission: string): boolean {
  if (!isPermission(permission)) return false;
  const granted = PERMISSIONS[permission] as readonly string[];
  return principal.roles.some((role) => granted.includes(role));
}

/**
 * The four-eyes rules, in the order they are reported: a person (not an API key), a pending request, someone other
 * than the requester and than the subject of the change, holding the permission the request names, before expiry,
 * and re-authenticated within `reauthMinutes`. Null when the principal may approve now.
 */
export function approvalRefusal(
  request: ApprovalRequestFacts,
  principal: Principal,
  now: Date,
  reauthMinutes: number,
): ApprovalRefusal | null {
  if (principal.kind !== 'user') return 'api_key';
  if (request.status !== 'pending') return 'not_pending';
  if (request.requestedBy === principal.userId) return 'own_request';
  if (request.subjectType === 'user' && request.subjectId === principal.userId) return 'own_subject';
  if (!holdsPermission(principal, request.requiredPermission)) return 'permission_missing';
  if (request.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (now.getTime() - principal.reauthenticatedAt.getTime() > reauthMinutes * 60_000) {
    return 'reauthentication_required';
  }
  return null;
}
