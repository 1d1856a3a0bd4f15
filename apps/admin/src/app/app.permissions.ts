/**
 * The permissions the UI asks about, with the roles that hold them, as `libs/domains/identity/src/identity.permissions.ts`
 * declares them (apps/admin/test/app.permissions.spec.ts fails when the two disagree). The UI only uses them to hide
 * what a role cannot do; the api's guard is what denies it.
 */
export const UI_PERMISSIONS = {
  'api_keys:manage': ['admin'],
  'users:manage': ['admin'],
  'approvals:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  'approvals:decide': ['admin', 'compliance_officer', 'analyst'],
  'customers:read': ['admin', 'compliance_officer', 'analyst', 'auditor', 'integration'],
  'customers:write': ['admin', 'compliance_officer', 'analyst', 'integration'],
  'customers:decide': ['admin', 'compliance_officer'],
  'risk_matrix:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  'risk_matrix:write': ['admin', 'compliance_officer'],
  'risk_matrix:approve': ['admin', 'compliance_officer'],
  'screening:check': ['admin', 'compliance_officer', 'analyst', 'integration'],
  'screening:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  'screening:lists': ['admin', 'compliance_officer'],
  'screening:adjudicate': ['compliance_officer', 'analyst'],
  'transactions:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  'rules:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  'rules:write': ['admin', 'compliance_officer'],
  'rules:approve': ['admin', 'compliance_officer'],
  'webhooks:manage': ['admin'],
  'alerts:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  'alerts:work': ['compliance_officer', 'analyst'],
  'queues:manage': ['admin', 'compliance_officer'],
  'cases:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  'cases:write': ['compliance_officer', 'analyst'],
  'cases:approve': ['compliance_officer'],
  'iso20022:read': ['admin', 'compliance_officer', 'analyst', 'auditor', 'integration'],
  'reports:read': ['admin', 'compliance_officer', 'auditor'],
  'reports:write': ['compliance_officer'],
  'reports:approve': ['compliance_officer'],
} as const satisfies Record<string, readonly string[]>;

export type UiPermission = keyof typeof UI_PERMISSIONS;

export function rolesGrant(roles: readonly string[], permission: UiPermission): boolean {
  const holders: readonly string[] = UI_PERMISSIONS[permission];
  return roles.some((role) => holders.includes(role));
}
