import { Tag } from 'antd';

const COLORS: Record<string, string> = { open: 'gold', true_match: 'red', false_positive: 'green' };
const LABELS: Record<string, string> = { open: 'Open', true_match: 'True match', false_positive: 'False positive' };

export function HitStatusTag({ status }: { status: string }) {
  return <Tag color={COLORS[status] ?? 'default'}>{LABELS[status] ?? status}</Tag>;
}
