import { Button, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntryDto } from '../../api/api.dto';

const PAYLOAD_STATUS_COLORS: Record<AuditEntryDto['payloadStatus'], string> = {
  present: 'success',
  erased: 'default',
  tampered: 'error',
};

export function PayloadStatusTag({ entry }: { entry: AuditEntryDto }) {
  return (
    <>
      <Tag color={PAYLOAD_STATUS_COLORS[entry.payloadStatus]}>{entry.payloadStatus}</Tag>
      {!entry.leafMatchesTree && <Tag color="error">row altered</Tag>}
    </>
  );
}

export function partyLabel(party: { type: string; id: string }): string {
  return `${party.type}:${party.id}`;
}

function entryColumns(onOpen: (entry: AuditEntryDto) => void): TableColumnsType<AuditEntryDto> {
  return [
    {
      key: 'index',
      title: 'Index',
      dataIndex: 'index',
      align: 'right',
      width: 80,
      // A real button, so the entry opens from the keyboard too, not only by clicking the row.
      render: (index: number, entry) => (
        <Button
          type="link"
          size="small"
          aria-label={`Open entry ${String(index)}`}
          onClick={(event) => {
            event.stopPropagation();
            onOpen(entry);
          }}
        >
          {index}
        </Button>
      ),
    },
    {
      key: 'recordedAt',
      title: 'Recorded',
      dataIndex: 'recordedAt',
      width: 200,
      render: (recordedAt: string) => (
        <Typography.Text title={recordedAt}>{new Date(recordedAt).toLocaleString()}</Typography.Text>
      ),
    },
    {
      key: 'actor',
      title: 'Actor',
      render: (_, entry) => <Typography.Text ellipsis={{ tooltip: true }}>{partyLabel(entry.actor)}</Typography.Text>,
      width: 260,
    },
    { key: 'action', title: 'Action', dataIndex: 'action' },
    {
      key: 'subject',
      title: 'Subject',
      render: (_, entry) => <Typography.Text ellipsis={{ tooltip: true }}>{partyLabel(entry.subject)}</Typography.Text>,
      width: 260,
    },
    { key: 'payload', title: 'Payload', width: 150, render: (_, entry) => <PayloadStatusTag entry={entry} /> },
  ];
}

interface AuditEntriesTableProps {
  entries: AuditEntryDto[];
  loading: boolean;
  onOpen: (entry: AuditEntryDto) => void;
}

/** Newest leaf first; a click opens the entry with its inclusion proof. */
export function AuditEntriesTable({ entries, loading, onOpen }: AuditEntriesTableProps) {
  return (
    <Table<AuditEntryDto>
      size="small"
      rowKey="index"
      columns={entryColumns(onOpen)}
      dataSource={entries}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: 'No integrated entries match' }}
      onRow={(entry) => ({
        onClick: () => {
          onOpen(entry);
        },
        style: { cursor: 'pointer' },
      })}
    />
  );
}
