import { Tag, Typography } from 'antd';
import { formatDuration } from '../queues/sla.countdown';
import type { CaseStatus } from './cases.dto';

const STATUS_COLOR: Record<CaseStatus, string> = {
  open: 'blue',
  investigating: 'geekblue',
  pending_approval: 'orange',
  closed: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{status.replace('_', ' ')}</Tag>;
}

const DAY_MS = 86_400_000;

/** The report due date with the time left (red once overdue, orange within a week). */
export function ReportDue({ dueAt, now }: { dueAt: string | null; now: number }) {
  if (dueAt === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const due = Date.parse(dueAt);
  const left = due - now;
  const date = new Date(due).toLocaleDateString();
  if (left < 0) {
    return (
      <Typography.Text type="danger" strong>
        {date} · overdue by {Math.ceil(-left / DAY_MS)} d
      </Typography.Text>
    );
  }
  const remaining = left >= DAY_MS ? `${String(Math.floor(left / DAY_MS))} d left` : `${formatDuration(left)} left`;
  return (
    <Typography.Text type={left <= 7 * DAY_MS ? 'warning' : undefined}>
      {date} · {remaining}
    </Typography.Text>
  );
}

/**
 * Who a user id is, as far as the case endpoints say: they answer ids only, so other people show by a short id (the
 * audit view resolves names).
 */
export function personLabel(userId: string | null, selfId: string): string {
  if (userId === null) return 'nobody';
  if (userId === selfId) return 'you';
  return `user ${userId.slice(0, 8)}`;
}
