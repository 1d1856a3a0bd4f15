import { Descriptions, Typography } from 'antd';

function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(scalar).join(' ');
  if (typeof value === 'object' && value !== null)
    return Object.values(value as Record<string, unknown>)
      .map(scalar)
      .join(' ');
  return '';
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(scalar).join('; ');
  return scalar(value) || '—';
}

/** A record (a subject snapshot or a list entry) as label/value rows, in the order of `fields`. */
export function RecordView({
  title,
  record,
  fields,
}: {
  title: string;
  record: Record<string, unknown> | null | undefined;
  fields: { key: string; label: string }[];
}) {
  if (!record) return <Typography.Text type="secondary">{title}: not available</Typography.Text>;
  return (
    <Descriptions
      title={title}
      size="small"
      column={1}
      bordered
      items={fields.map((f) => ({ key: f.key, label: f.label, children: text(record[f.key]) }))}
    />
  );
}
