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
  /** Read customer profiles, their documents, related parties, risk ratings and KYC history. */
  'customers:read': ['admin', 'compliance_officer', 'analyst', 'auditor', 'integration'],
  /** Create and update customer profiles, documents and related parties (the provider's API keys do this too). */
  'customers:write': ['admin', 'compliance_officer', 'analyst', 'integration'],
  /** Move a customer through the KYC lifecycle: approve, reject, start a review, exit. */
  'customers:decide': ['admin', 'compliance_officer'],
  /** Read the risk scoring matrix and its versions. */
  'risk_matrix:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /** Draft a new version of the risk scoring matrix and submit it for approval. */
  'risk_matrix:write': ['admin', 'compliance_officer'],
  /** Approve a new risk scoring matrix drafted by someone else (four-eyes). */
  'risk_matrix:approve': ['admin', 'compliance_officer'],
  /** Screen a name on demand against the active sanctions, PEP and watch lists. */
  'screening:check': ['admin', 'compliance_officer', 'analyst', 'integration'],
  /** Read the lists, their versions and deltas, screening hits and the tuning report. */
  'screening:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /** Import sanctions, PEP and internal lists, and start re-screening. */
  'screening:lists': ['admin', 'compliance_officer'],
  /** Mark a screening hit a true match or a false positive. */
  'screening:adjudicate': ['compliance_officer', 'analyst'],
  /** Send transactions for a real-time decision (the provider's API keys). */
  'transactions:ingest': ['integration'],
  /** Read transactions with their features, decisions, reasons and contributions. */
  'transactions:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /** Read rule sets, models and backtests. */
  'rules:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /** Author rule sets, upload models, run backtests and dry runs, and submit them for approval. */
  'rules:write': ['admin', 'compliance_officer'],
  /** Approve publishing a rule set or promoting a model drafted by someone else (four-eyes). */
  'rules:approve': ['admin', 'compliance_officer'],
  /** Manage the tenant's webhook endpoints and see their deliveries. */
  'webhooks:manage': ['admin'],
  /** See alert queues, alerts with their evidence, and the alert and case dashboards. */
  'alerts:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /** Claim, release and dispose of alerts (false or true positive), and escalate them into cases. */
  'alerts:work': ['compliance_officer', 'analyst'],
  /** Configure alert queues: routing rules, assignment strategy, members and SLAs. */
  'queues:manage': ['admin', 'compliance_officer'],
  /** Read cases: linked alerts, subjects, transactions, notes, attachments and timeline (every read is logged). */
  'cases:read': ['admin', 'compliance_officer', 'analyst', 'auditor'],
  /** Work cases: notes, attachments, subjects, transactions, assignment, and asking for closure. */
  'cases:write': ['compliance_officer', 'analyst'],
  /** Approve the closure of a case asked for by someone else (four-eyes). */
  'cases:approve': ['compliance_officer'],
  /** Send ISO 20022 payment messages for screening and decision (the provider's API keys). */
  'iso20022:ingest': ['integration'],
  /** Read the ISO 20022 message log, parsed messages and raw XML, and generate statements and notifications. */
  'iso20022:read': ['admin', 'compliance_officer', 'analyst', 'auditor', 'integration'],
  /**
   * See regulator reports and that they exist at all (no tipping off: for everyone else a report does not exist),
   * their filings, deadlines and evidence packs; every view and download is logged.
   */
  'reports:read': ['admin', 'compliance_officer', 'auditor'],
  /** Draft, edit, validate and generate regulator reports, record filing status and import acknowledgements. */
  'reports:write': ['compliance_officer'],
  /** Approve a regulator report drafted by someone else before it is filed (four-eyes). */
  'reports:approve': ['compliance_officer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleGrants(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
