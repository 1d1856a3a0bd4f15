import { describe, expect, it } from 'vitest';
import type { KeyPrincipal, Role, UserPrincipal } from '@domains/identity';
import { approvalRefusal, type ApprovalRequestFacts } from './approval.policy.js';

const now = new Date('2026-12-01T12:00:00Z');
const minutesAgo = (m: number): Date => new Date(now.getTime() - m * 60_000);

function person(userId: string, roles: Role[], reauthenticatedAt = minutesAgo(1)): UserPrincipal {
  return {
    kind: 'user',
    tenantId: 't',
    userId,
    sessionId: 's',
    csrfToken: 'c',
    roles,
    email: `${userId}@example.com`,
    displayName: userId,
    expiresAt: new Date(now.getTime() + 3_600_000),
    idleExpiresAt: new Date(now.getTime() + 600_000),
    reauthenticatedAt,
    mfa: { required: true, enrolled: true, satisfied: true },
  };
}

const request: ApprovalRequestFacts = {
  status: 'pending',
  requestedBy: 'ada',
  subjectType: 'user',
  subjectId: 'arjun',
  requiredPermission: 'users:approve_roles',
  expiresAt: new Date(now.getTime() + 86_400_000),
};

describe('approvalRefusal (the four-eyes rules)', () => {
  it('lets another admin who re-authenticated recently approve', () => {
    expect(approvalRefusal(request, person('grace', ['admin']), now, 5)).toBeNull();
  });

  it('refuses the requester, even holding the permission', () => {
    expect(approvalRefusal(request, person('ada', ['admin']), now, 5)).toBe('own_request');
  });

  it('refuses the subject of the change (nobody approves their own roles)', () => {
    expect(approvalRefusal(request, person('arjun', ['admin']), now, 5)).toBe('own_subject');
  });

  it('refuses a person whose roles do not grant the named permission', () => {
    expect(approvalRefusal(request, person('olivia', ['compliance_officer']), now, 5)).toBe('permission_missing');
    expect(approvalRefusal({ ...request, requiredPermission: 'no:such' }, person('grace', ['admin']), now, 5)).toBe(
      'permission_missing',
    );
  });

  it('refuses without a sign-in or re-authentication within the window, and allows at its edge', () => {
    expect(approvalRefusal(request, person('grace', ['admin'], minutesAgo(6)), now, 5)).toBe(
      'reauthentication_required',
    );
    expect(approvalRefusal(request, person('grace', ['admin'], minutesAgo(5)), now, 5)).toBeNull();
    expect(approvalRefusal(request, person('grace', ['admin'], minutesAgo(6)), now, 10)).toBeNull();
  });

  it('refuses API keys, decided requests and expired ones', () => {
    const key: KeyPrincipal = { kind: 'key', tenantId: 't', keyId: 'k', keyName: 'k', roles: ['admin'] };
    expect(approvalRefusal(request, key, now, 5)).toBe('api_key');
    for (const status of ['approved', 'rejected', 'withdrawn', 'void'] as const) {
      expect(approvalRefusal({ ...request, status }, person('grace', ['admin']), now, 5)).toBe('not_pending');
    }
    expect(approvalRefusal({ ...request, expiresAt: now }, person('grace', ['admin']), now, 5)).toBe('expired');
  });
});
