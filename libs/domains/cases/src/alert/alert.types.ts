/** The sources an alert comes from (one alert per source item). */
export const ALERT_TYPES = ['transaction', 'screening_hit', 'kyc_review', 'case_deadline'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** Highest first: `priority_rank` is the index (0 critical … 3 low), so ascending rank sorts the most urgent first. */
export const ALERT_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];

export const ALERT_STATUSES = ['open', 'claimed', 'closed', 'escalated'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_SUBJECT_TYPES = ['customer', 'counterparty', 'account', 'case'] as const;
export type AlertSubjectType = (typeof ALERT_SUBJECT_TYPES)[number];

export const ALERT_DISPOSITIONS = ['true_positive', 'false_positive'] as const;
export type AlertDisposition = (typeof ALERT_DISPOSITIONS)[number];

/** The reason code escalation into a case records; not accepted from the disposition endpoint. */
export const ESCALATED_TO_CASE = 'escalated_to_case';

/** The reason codes an analyst may give with each disposition (dashboards and tuning reports group by them). */
export const ALERT_REASON_CODES: Readonly<Record<AlertDisposition, readonly string[]>> = {
  false_positive: ['fp_legitimate_activity', 'fp_name_mismatch', 'fp_data_quality', 'fp_duplicate', 'fp_other'],
  true_positive: ['tp_suspicious_activity', 'tp_sanctions_match', 'tp_fraud', 'tp_policy_breach', 'tp_other'],
};

/** Whether `reasonCode` may be given with `disposition` by an analyst (escalation's own code is not). */
export function isValidReasonCode(disposition: AlertDisposition, reasonCode: string): boolean {
  return ALERT_REASON_CODES[disposition].includes(reasonCode);
}

export function priorityRank(priority: AlertPriority): number {
  return ALERT_PRIORITIES.indexOf(priority);
}

/** One step more urgent, never above critical (SLA escalation). */
export function bumpPriority(priority: AlertPriority): AlertPriority {
  return ALERT_PRIORITIES[Math.max(0, priorityRank(priority) - 1)];
}

/** Whether `priority` is at least as urgent as `min`. */
export function priorityAtLeast(priority: AlertPriority, min: AlertPriority): boolean {
  return priorityRank(priority) <= priorityRank(min);
}

/** Customer segments queue routing can match on (from the customer record where known). */
export const ALERT_SEGMENTS = ['individual', 'business', 'high_risk'] as const;
export type AlertSegment = (typeof ALERT_SEGMENTS)[number];
