/**
 * Hand-written shapes of the alert and queue endpoints (libs/domains/cases/src/alert|queue), until
 * apps/api/openapi.json is regenerated with them.
 */
export const ALERT_TYPES = ['transaction', 'screening_hit', 'kyc_review', 'case_deadline'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export const ALERT_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];
export const ALERT_STATUSES = ['open', 'claimed', 'closed', 'escalated'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertDisposition = 'true_positive' | 'false_positive';
export type AlertSubjectType = 'customer' | 'counterparty' | 'account' | 'case';
export const ASSIGNMENT_STRATEGIES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];
export const QUEUE_SEGMENTS = ['individual', 'business', 'high_risk'] as const;

/**
 * The reason codes per disposition, as the api validates them (ALERT_REASON_CODES in the cases domain). The api
 * refuses any other code, so this list only fills the select.
 */
export const ALERT_REASON_CODES: Record<AlertDisposition, readonly string[]> = {
  false_positive: ['fp_legitimate_activity', 'fp_name_mismatch', 'fp_data_quality', 'fp_duplicate', 'fp_other'],
  true_positive: ['tp_suspicious_activity', 'tp_sanctions_match', 'tp_fraud', 'tp_policy_breach', 'tp_other'],
};

export interface AlertUserRefDto {
  id: string;
  displayName: string | null;
}

export interface AlertDto {
  id: string;
  reference: string;
  type: AlertType;
  title: string;
  subject: { type: AlertSubjectType; id: string; label: string };
  customerId: string | null;
  transactionId: string | null;
  priority: AlertPriority;
  score: number | null;
  queue: { id: string; name: string };
  status: AlertStatus;
  assignee: AlertUserRefDto | null;
  slaDueAt: string;
  slaBreachedAt: string | null;
  escalationLevel: number;
  disposition: AlertDisposition | null;
  reasonCode: string | null;
  caseId: string | null;
  createdAt: string;
}

export interface AlertPageDto {
  items: AlertDto[];
  total: number;
}

export interface AlertEventDto {
  at: string;
  /** `user:<id>` or `system:<component>`. */
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

export interface AlertDetailDto extends AlertDto {
  details: Record<string, unknown>;
  dispositionNote: string | null;
  disposedAt: string | null;
  disposedBy: string | null;
  events: AlertEventDto[];
  /** Other open or claimed alerts about the same subject (candidates to close together). */
  related: AlertDto[];
}

export interface QueueRoutingDto {
  types?: AlertType[];
  minPriority?: AlertPriority;
  segments?: string[];
}

export type SlaMinutesDto = Record<AlertPriority, number>;

export interface QueueDto {
  id: string;
  name: string;
  description: string | null;
  position: number;
  routing: QueueRoutingDto;
  assignment: AssignmentStrategy;
  memberIds: string[];
  slaMinutes: SlaMinutesDto;
  idleClaimMinutes: number;
  counts: { open: number; claimed: number; breached: number };
  updatedAt: string;
}

export interface SaveQueueDto {
  name: string;
  description?: string | null;
  position?: number;
  routing: QueueRoutingDto;
  assignment: AssignmentStrategy;
  memberIds: string[];
  slaMinutes: SlaMinutesDto;
  idleClaimMinutes: number;
}

export interface DisposeAlertDto {
  disposition: AlertDisposition;
  reasonCode: string;
  note?: string;
  relatedAlertIds?: string[];
}
