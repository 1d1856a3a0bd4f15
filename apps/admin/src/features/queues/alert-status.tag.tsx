import { Tag } from 'antd';
import type { AlertPriority, AlertStatus, AlertType } from './queues.dto';

const PRIORITY_COLOR: Record<AlertPriority, string> = {
  critical: 'red',
  high: 'volcano',
  medium: 'gold',
  low: 'default',
};

const STATUS_COLOR: Record<AlertStatus, string> = {
  open: 'blue',
  claimed: 'purple',
  closed: 'default',
  escalated: 'magenta',
};

export const ALERT_TYPE_LABEL: Record<AlertType, string> = {
  transaction: 'Transaction',
  screening_hit: 'Screening hit',
  kyc_review: 'KYC review',
  case_deadline: 'Case deadline',
};

export function AlertPriorityTag({ priority }: { priority: AlertPriority }) {
  return <Tag color={PRIORITY_COLOR[priority]}>{priority}</Tag>;
}

export function AlertStatusTag({ status }: { status: AlertStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{status}</Tag>;
}

function isAlertType(type: string): type is AlertType {
  return Object.hasOwn(ALERT_TYPE_LABEL, type);
}

/** Takes any string because the case's linked alerts document their type as one; an unknown type shows humanized. */
export function AlertTypeTag({ type }: { type: string }) {
  return <Tag>{isAlertType(type) ? ALERT_TYPE_LABEL[type] : humanize(type)}</Tag>;
}

/** `fp_name_mismatch` → `name mismatch`, for reason codes and event actions shown to people. */
export function humanize(code: string): string {
  return code.replace(/^(fp|tp)_/, '').replace(/[._]/g, ' ');
}
