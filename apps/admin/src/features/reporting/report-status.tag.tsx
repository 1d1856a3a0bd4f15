import { Tag, Typography } from 'antd';
import type { ReportStatus } from './reports.dto';

const COLOR: Record<ReportStatus | 'no_report', string> = {
  no_report: 'red',
  draft: 'default',
  pending_approval: 'gold',
  approved: 'blue',
  submitted: 'cyan',
  acknowledged: 'green',
  rejected: 'volcano',
};

const LABEL: Record<ReportStatus | 'no_report', string> = {
  no_report: 'No report yet',
  draft: 'Draft',
  pending_approval: 'Pending approval',
  approved: 'Approved',
  submitted: 'Submitted',
  acknowledged: 'Acknowledged',
  rejected: 'Rejected',
};

export function ReportStatusTag({ status }: { status: ReportStatus | 'no_report' }) {
  return <Tag color={COLOR[status]}>{LABEL[status]}</Tag>;
}

/** The due date with the days left (or overdue), as text. */
export function DueCountdown({ dueAt, done }: { dueAt: string | null; done?: boolean }) {
  if (dueAt === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const date = new Date(dueAt);
  const days = Math.floor((date.getTime() - Date.now()) / 86_400_000);
  const label = date.toLocaleDateString();
  if (done) return <span>{label}</span>;
  if (days < 0) {
    return (
      <span>
        {label} <Tag color="red">{`overdue by ${String(-days)} day${days === -1 ? '' : 's'}`}</Tag>
      </span>
    );
  }
  return (
    <span>
      {label} <Tag color={days <= 7 ? 'orange' : 'default'}>{`${String(days)} day${days === 1 ? '' : 's'} left`}</Tag>
    </span>
  );
}
