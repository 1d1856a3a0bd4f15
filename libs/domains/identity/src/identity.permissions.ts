/**
 * The one place where roles and permissions are declared. Every controller method names one permission (or is
 * explicitly public); the guard denies anything else.
 */
export const ROLES = ['admin', 'compliance_officer', 'analyst', 'auditor', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Read and end one's own session. */
  'session:self': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /** See the overview dashboard. */
  'overview:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /** Read the tenant's audit log: checkpoints, entries with their payloads, proofs and verifier keys. */
  'audit:read': ['admin', 'compliance_officer', 'auditor', 'integration'],
  /** Request evidence packs of the tenant's audit log (built by the worker, downloaded with `audit:read`). */
  'audit:export': ['admin', 'compliance_officer', 'auditor'],
  /** Create, list and revoke the tenant's API keys. */
  'api_keys:manage': ['admin'],
  /** See the tenant's four-eyes approval requests (the inbox and each request's content). */
  'approvals:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /**
   * Approve, reject or withdraw an approval request. The route only opens the door: each request also names the
   * permission its approver must hold, and only the requester may withdraw.
   */
  'approvals:decide': ['admin', 'compliance_officer', 'analyst'],
  /** List, invite, disable and enable the tenant's users, and request changes of their roles. */
  'users:manage': ['admin'],
  /** Approve a change of a user's roles requested by another admin (four-eyes). */
  'users:approve_roles': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleGrants(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
