import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { listMessages } from './iso20022.api';
import { MESSAGE_DIRECTIONS, MESSAGE_STATUSES, MESSAGE_TYPES } from './iso20022.dto';
import type { MessageListItemDto, MessagePageDto, MessageStatus } from './iso20022.dto';
import { StatementsPanel } from './statements.panel';

const PAGE_SIZE = 50;

const STATUS_COLOR: Record<MessageStatus, string> = {
  accepted: 'green',
  pending: 'gold',
  rejected: 'red',
  partially_accepted: 'orange',
  generated: 'blue',
};

export function MessageStatusTag({ status }: { status: MessageStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{status.replace('_', ' ')}</Tag>;
}

/** The ISO 20022 message log: every message in and out, filterable, with the statements panel above it. */
export function Iso20022Page() {
  const [params, setParams] = useSearchParams();
  const direction = params.get('direction') ?? undefined;
  const type = params.get('type') ?? undefined;
  const status = params.get('status') ?? undefined;
  const [cursors, setCursors] = useState<string[]>([]);
  const [data, setData] = useState<MessagePageDto>();
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const before = cursors[cursors.length - 1];

  const load = useCallback(async () => {
    setLoading(true);
    const result = await listMessages({ direction, type, status, before }, PAGE_SIZE);
    setLoading(false);
    if (result.ok) {
      setData(result.data);
      setProblem(undefined);
    } else {
      setProblem(result.problem);
    }
  }, [direction, type, status, before]);

  useEffect(() => {
    void load();
  }, [load]);

  function setFilter(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setCursors([]);
    setParams(next);
  }

  const columns: TableColumnsType<MessageListItemDto> = [
    {
      title: 'Time',
      dataIndex: 'createdAt',
      render: (value: string) => new Date(value).toLocaleString(),
    },
    {
      title: 'Direction',
      dataIndex: 'direction',
      render: (value: string) => <Tag color={value === 'in' ? 'geekblue' : 'purple'}>{value}</Tag>,
    },
    { title: 'Type', dataIndex: 'messageType' },
    {
      title: 'Message id',
      dataIndex: 'msgId',
      render: (value: string | null, row) => <Link to={`/iso20022/messages/${row.id}`}>{value ?? <em>none</em>}</Link>,
    },
    { title: 'Status', dataIndex: 'status', render: (value: MessageStatus) => <MessageStatusTag status={value} /> },
    { title: 'Transactions', dataIndex: 'transactionCount', align: 'right' },
    {
      title: 'Related',
      dataIndex: 'relatedMessageId',
      render: (value: string | null) => (value ? <Link to={`/iso20022/messages/${value}`}>answers…</Link> : null),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={3}>ISO 20022 messages</Typography.Title>
      <StatementsPanel onGenerated={() => void load()} />
      <Card size="small">
        <Flex vertical gap="middle">
          <Space wrap>
            <Select
              allowClear
              placeholder="Direction"
              aria-label="Direction"
              style={{ width: 140 }}
              value={direction}
              onChange={(v: string | undefined) => setFilter('direction', v)}
              options={MESSAGE_DIRECTIONS.map((d) => ({ value: d, label: d === 'in' ? 'inbound' : 'outbound' }))}
            />
            <Select
              allowClear
              placeholder="Type"
              aria-label="Type"
              style={{ width: 200 }}
              value={type}
              onChange={(v: string | undefined) => setFilter('type', v)}
              options={MESSAGE_TYPES.map((t) => ({ value: t, label: t }))}
            />
            <Select
              allowClear
              placeholder="Status"
              aria-label="Status"
              style={{ width: 180 }}
              value={status}
              onChange={(v: string | undefined) => setFilter('status', v)}
              options={MESSAGE_STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') }))}
            />
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              Refresh
            </Button>
          </Space>
          {problem && <ProblemAlert problem={problem} />}
          <Table<MessageListItemDto>
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={data?.items ?? []}
            pagination={false}
            aria-label="Message log"
          />
          <Space>
            <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer
            </Button>
            <Button
              disabled={!data?.nextCursor}
              onClick={() => data?.nextCursor && setCursors([...cursors, data.nextCursor])}
            >
              Older
            </Button>
          </Space>
        </Flex>
      </Card>
    </Flex>
  );
}
