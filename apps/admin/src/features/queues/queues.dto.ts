import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export const ALERT_TYPES = ['transaction', 'screening_hit', 'kyc_review', 'case_deadline'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export const ALERT_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];
export const ALERT_STATUSES = ['open', 'claimed', 'closed', 'escalated'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertDisposition = NonNullable<AlertDto['disposition']>;
export const ASSIGNMENT_STRATEGIES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];
export const QUEUE_SEGMENTS = ['individual', 'business', 'high_risk'] as const;
export type QueueSegment = (typeof QUEUE_SEGMENTS)[number];

/**
 * The reason codes per disposition, as the api validates them (ALERT_REASON_CODES in the cases domain). The api
 * refuses any other code, so this list only fills the select.
 */
export const ALERT_REASON_CODES: Record<AlertDisposition, readonly string[]> = {
  false_positive: ['fp_legitimate_activity', 'fp_name_mismatch', 'fp_data_quality', 'fp_duplicate', 'fp_other'],
  true_positive: ['tp_suspicious_activity', 'tp_sanctions_match', 'tp_fraud', 'tp_policy_breach', 'tp_other'],
};

export type AlertDto = Schemas['AlertItemDto'];
export type AlertPageDto = Schemas['AlertPageDto'];
export type AlertEventDto = Schemas['AlertEventDto'];
export type AlertDetailDto = Schemas['AlertDetailDto'];
export type QueueDto = Schemas['QueueDto'];
export type SlaMinutesDto = Schemas['QueueSlaDto'];
/** What the queue settings form sends, on create and on update alike. */
export type SaveQueueDto = Schemas['CreateQueueDto'];
export type DisposeAlertDto = Schemas['AlertDispositionDto'];
