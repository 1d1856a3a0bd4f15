import { BarChartOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { changedSearchParams } from '../../shared/search-params';
import { AlertPriorityTag } from '../queues/alert-status.tag';
import { getJson } from '../queues/queues.api';
import { ALERT_PRIORITIES } from '../queues/queues.dto';
import { useNow } from '../queues/sla.countdown';
import { CaseStatusTag, ReportDue, personLabel } from './case-status.tag';
import { CASE_STATUSES } from './cases.dto';
import type { CasePageDto, CaseSummaryDto } from './cases.dto';

const PAGE_SIZE = 25;

function dueTime(c: CaseSummaryDto): number {
  return c.reportDueAt === null ? Number.POSITIVE_INFINITY : Date.parse(c.reportDueAt);
}

/** The tenant's cases with their status and report due dates; filters live in the address so a view can be shared. */
export function CasesPage() {
  const session = useSession();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const mine = params.get('mine') === '1';
  const overdue = params.get('overdue') === '1';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [search, setSearch] = useState(q);
  const [cases, setCases] = useState<CasePageDto>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();

  function update(changes: Record<string, string | undefined>) {
    setParams(changedSearchParams(params, changes));
  }

  const load = useCallback(async () => {
    setLoading(true);
    const result = await getJson<CasePageDto>('/v1/cases', {
      status,
      assignee: mine ? 'me' : undefined,
      overdue: overdue ? true : undefined,
      q: q || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    setLoading(false);
    if (result.ok) setCases(result.data);
    setProblem(result.ok ? undefined : result.problem);
  }, [status, mine, overdue, q, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<CaseSummaryDto> = [
    {
      title: 'Case',
      key: 'reference',
      sorter: (a, b) => a.reference.localeCompare(b.reference),
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/cases/${c.id}`}>{c.reference}</Link>
          <Typography.Text type="secondary">{c.title}</Typography.Text>
        </Flex>
      ),
    },
    { title: 'Status', key: 'status', render: (_, c) => <CaseStatusTag status={c.status} /> },
    {
      title: 'Priority',
      key: 'priority',
      sorter: (a, b) => ALERT_PRIORITIES.indexOf(a.priority) - ALERT_PRIORITIES.indexOf(b.priority),
      render: (_, c) => <AlertPriorityTag priority={c.priority} />,
    },
    {
      title: 'Assignee',
      key: 'assignee',
      render: (_, c) => personLabel(c.assigneeId, session.user.id),
    },
    {
      title: 'Alerts',
      key: 'alerts',
      render: (_, c) => c.alertCount,
    },
    {
      title: 'Report due',
      key: 'reportDueAt',
      sorter: (a, b) => dueTime(a) - dueTime(b),
      render: (_, c) => <ReportDue dueAt={c.reportDueAt} now={now} />,
    },
    {
      title: 'Opened',
      key: 'createdAt',
      defaultSortOrder: 'descend',
      sorter: (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt),
      render: (_, c) => new Date(c.createdAt).toLocaleString(),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <title>Cases · Verity</title>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          Cases
        </Typography.Title>
        {rolesGrant(session.user.roles, 'alerts:read') && (
          <Link to="/cases/dashboards">
            <BarChartOutlined /> Dashboards
          </Link>
        )}
      </Flex>
      <Card size="small">
        <Flex gap="small" wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Input.Search
              placeholder="Reference or title"
              aria-label="Search cases"
              allowClear
              style={{ width: 240 }}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              onSearch={(value) => update({ q: value.trim() })}
            />
            <Select
              aria-label="Case status"
              placeholder="Any status"
              allowClear
              style={{ width: 180 }}
              value={status}
              onChange={(value: string | undefined) => update({ status: value })}
              options={CASE_STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') }))}
            />
            <Checkbox checked={mine} onChange={(event) => update({ mine: event.target.checked ? '1' : undefined })}>
              Mine
            </Checkbox>
            <Checkbox
              checked={overdue}
              onChange={(event) => update({ overdue: event.target.checked ? '1' : undefined })}
            >
              Report overdue
            </Checkbox>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="Reload the cases">
            Reload
          </Button>
        </Flex>
        {problem && <ProblemAlert problem={problem} />}
        <Table<CaseSummaryDto>
          rowKey="id"
          size="small"
          aria-label="Cases"
          loading={loading}
          columns={columns}
          dataSource={cases.items}
          locale={{ emptyText: <Empty description="No cases match" /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: cases.total,
            showSizeChanger: false,
            onChange: (next) => update({ page: next > 1 ? String(next) : undefined }),
          }}
        />
      </Card>
    </Flex>
  );
}
