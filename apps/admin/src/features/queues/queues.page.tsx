import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Select, Space, Table, Tabs, Typography, message } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { changedSearchParams } from '../../shared/search-params';
import { ALERT_TYPE_LABEL, AlertPriorityTag, AlertStatusTag, AlertTypeTag } from './alert-status.tag';
import { getJson, postForOptional, segment } from './queues.api';
import { ALERT_STATUSES, ALERT_TYPES } from './queues.dto';
import type { AlertDto, AlertPageDto, QueueDto } from './queues.dto';
import { QueuesNav } from './queues.nav';
import { SlaCountdown, useNow } from './sla.countdown';

const PAGE_SIZE = 25;
const ALL_QUEUES = 'all';
type SortKey = 'priority' | 'slaDueAt' | 'createdAt';

function isSortKey(value: unknown): value is SortKey {
  return value === 'priority' || value === 'slaDueAt' || value === 'createdAt';
}

/**
 * The analysts' work list: one tab per queue with its open, claimed and breached counts, the alerts sorted and
 * filtered on the server, and each row's SLA counted down in the browser every second.
 */
export function QueuesPage() {
  const session = useSession();
  const mayWork = rolesGrant(session.user.roles, 'alerts:work');
  const navigate = useNavigate();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const queueId = params.get('queue') ?? ALL_QUEUES;
  const type = params.get('type') ?? undefined;
  const status = params.get('status') ?? 'active';
  const assignee = params.get('assignee') ?? undefined;
  const sort: SortKey = isSortKey(params.get('sort')) ? (params.get('sort') as SortKey) : 'priority';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const [queues, setQueues] = useState<QueueDto[]>([]);
  const [alerts, setAlerts] = useState<AlertPageDto>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [claiming, setClaiming] = useState(false);

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      setParams(changedSearchParams(params, changes));
    },
    [params, setParams],
  );

  const load = useCallback(async () => {
    setLoading(true);
    const [queueResult, alertResult] = await Promise.all([
      getJson<QueueDto[]>('/v1/alert-queues'),
      getJson<AlertPageDto>('/v1/alerts', {
        queueId: queueId === ALL_QUEUES ? undefined : queueId,
        type,
        // "active" (the default view) is what still needs work: open or claimed.
        status: status === 'any' ? undefined : status,
        assignee,
        sort,
        order,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    ]);
    setLoading(false);
    if (queueResult.ok) setQueues(queueResult.data);
    if (alertResult.ok) setAlerts(alertResult.data);
    setProblem(!queueResult.ok ? queueResult.problem : !alertResult.ok ? alertResult.problem : undefined);
  }, [queueId, type, status, assignee, sort, order, page]);

  useEffect(() => {
    void load();
  }, [load]);

  async function claimNext(queue: QueueDto) {
    setClaiming(true);
    setProblem(undefined);
    const result = await postForOptional<AlertDto>(`/v1/alert-queues/${segment(queue.id)}/claim-next`);
    setClaiming(false);
    if (!result.ok) {
      if (result.problem.code === 'cases/queue_empty') void message.info(`Nothing left to claim in ${queue.name}`);
      else setProblem(result.problem);
      await load();
      return;
    }
    if (result.data === undefined) {
      void message.info(`Nothing left to claim in ${queue.name}`);
      await load();
      return;
    }
    void navigate(`/queues/alerts/${result.data.id}`);
  }

  const visible = alerts.items;
  const total = alerts.total;
  const selectedQueue = queues.find((q) => q.id === queueId);

  const columns: TableColumnsType<AlertDto> = [
    {
      title: 'Alert',
      key: 'reference',
      render: (_, a) => (
        <Flex vertical>
          <Link to={`/queues/alerts/${a.id}`}>{a.reference}</Link>
          <Typography.Text type="secondary">{a.title}</Typography.Text>
        </Flex>
      ),
    },
    { title: 'Type', key: 'type', render: (_, a) => <AlertTypeTag type={a.type} /> },
    {
      title: 'Subject',
      key: 'subject',
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text>{a.subject.label}</Typography.Text>
          <Typography.Text type="secondary">{a.subject.type}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: 'Priority',
      key: 'priority',
      sorter: true,
      sortOrder: sort === 'priority' ? (order === 'asc' ? 'ascend' : 'descend') : null,
      render: (_, a) => (
        <Space size={4}>
          <AlertPriorityTag priority={a.priority} />
          {a.score !== null && <Typography.Text type="secondary">{a.score.toFixed(2)}</Typography.Text>}
        </Space>
      ),
    },
    { title: 'Status', key: 'status', render: (_, a) => <AlertStatusTag status={a.status} /> },
    {
      title: 'Assignee',
      key: 'assignee',
      render: (_, a) =>
        a.assignee === null ? (
          <Typography.Text type="secondary">nobody</Typography.Text>
        ) : a.assignee.id === session.user.id ? (
          'you'
        ) : (
          (a.assignee.displayName ?? a.assignee.id)
        ),
    },
    { title: 'Queue', key: 'queue', render: (_, a) => a.queue.name },
    {
      title: 'SLA',
      key: 'slaDueAt',
      sorter: true,
      sortOrder: sort === 'slaDueAt' ? (order === 'asc' ? 'ascend' : 'descend') : null,
      render: (_, a) => (
        <SlaCountdown dueAt={a.slaDueAt} now={now} stopped={a.status === 'closed' || a.status === 'escalated'} />
      ),
    },
    {
      title: 'Created',
      key: 'createdAt',
      sorter: true,
      sortOrder: sort === 'createdAt' ? (order === 'asc' ? 'ascend' : 'descend') : null,
      render: (_, a) => new Date(a.createdAt).toLocaleString(),
    },
  ];

  function onTableChange(
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<AlertDto> | SorterResult<AlertDto>[],
  ) {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one?.columnKey;
    const nextSort = one?.order && isSortKey(key) ? key : 'priority';
    const nextOrder = one?.order === 'descend' ? 'desc' : 'asc';
    const nextPage = pagination.current ?? 1;
    update({
      sort: nextSort,
      order: nextOrder,
      page: nextSort === sort && nextOrder === order && nextPage > 1 ? String(nextPage) : undefined,
    });
  }

  const tabItems = [
    { key: ALL_QUEUES, label: 'All queues' },
    ...queues.map((q) => ({
      key: q.id,
      label: (
        <Space size={6}>
          <span>{q.name}</span>
          <span aria-label={`${q.name} counts`}>
            <Badge count={q.counts.open} showZero color="blue" title="open" />{' '}
            <Badge count={q.counts.claimed} showZero color="purple" title="claimed" />{' '}
            <Badge count={q.counts.breached} showZero color="red" title="SLA breached" />
          </span>
        </Space>
      ),
    })),
  ];

  return (
    <Flex vertical gap="middle">
      <title>Alert queues · Verity</title>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Alert queues
      </Typography.Title>
      <QueuesNav />
      <Card size="small">
        <Tabs
          activeKey={queueId}
          onChange={(key) => {
            update({ queue: key === ALL_QUEUES ? undefined : key });
          }}
          items={tabItems}
        />
        <Flex gap="small" wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Select
              aria-label="Alert type"
              placeholder="Any type"
              allowClear
              style={{ width: 170 }}
              value={type}
              onChange={(value: string | undefined) => {
                update({ type: value });
              }}
              options={ALERT_TYPES.map((t) => ({ value: t, label: ALERT_TYPE_LABEL[t] }))}
            />
            <Select
              aria-label="Alert status"
              style={{ width: 170 }}
              value={status}
              onChange={(value: string) => {
                update({ status: value === 'active' ? undefined : value });
              }}
              options={[
                { value: 'active', label: 'Open or claimed' },
                ...ALERT_STATUSES.map((s) => ({ value: s, label: s })),
                { value: 'any', label: 'Any status' },
              ]}
            />
            <Select
              aria-label="Assignee"
              placeholder="Anyone"
              allowClear
              style={{ width: 150 }}
              value={assignee}
              onChange={(value: string | undefined) => {
                update({ assignee: value });
              }}
              options={[
                { value: 'me', label: 'Mine' },
                { value: 'none', label: 'Unassigned' },
              ]}
            />
          </Space>
          <Space>
            {mayWork && selectedQueue !== undefined && (
              <Button
                type="primary"
                icon={<ThunderboltOutlined />}
                loading={claiming}
                onClick={() => void claimNext(selectedQueue)}
              >
                Claim next
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="Reload the alerts">
              Reload
            </Button>
          </Space>
        </Flex>
        {mayWork && selectedQueue === undefined && queues.length > 0 && (
          <Typography.Paragraph type="secondary">Pick a queue to claim its next alert.</Typography.Paragraph>
        )}
        {problem && <ProblemAlert problem={problem} />}
        <Table<AlertDto>
          rowKey="id"
          size="small"
          aria-label="Alerts"
          loading={loading}
          columns={columns}
          dataSource={visible}
          locale={{ emptyText: <Empty description="No alerts match" /> }}
          onChange={onTableChange}
          onRow={(a) => ({
            onDoubleClick: () => {
              void navigate(`/queues/alerts/${a.id}`);
            },
          })}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false }}
        />
      </Card>
    </Flex>
  );
}
