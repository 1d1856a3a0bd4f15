import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { getBlob, getJson, saveBlob } from './reports.api';
import type { ReportDeadlineDto, ReportKind, ReportStatus, ReportSummaryDto } from './reports.dto';
import { DueCountdown, ReportStatusTag } from './report-status.tag';

const STATUSES: ReportStatus[] = ['draft', 'pending_approval', 'approved', 'submitted', 'acknowledged', 'rejected'];
const KINDS: ReportKind[] = ['SAR', 'STR', 'CTR'];
const FILED: ReportStatus[] = ['submitted', 'acknowledged'];

function FilingsTab() {
  const [status, setStatus] = useState<ReportStatus>();
  const [kind, setKind] = useState<ReportKind>();
  const [items, setItems] = useState<ReportSummaryDto[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [exporting, setExporting] = useState(false);

  const load = useCallback(async () => {
    setProblem(undefined);
    const query: Record<string, string> = {};
    if (status) query.status = status;
    if (kind) query.kind = kind;
    const result = await getJson<{ items: ReportSummaryDto[] }>('/v1/reports', query);
    if (result.ok) setItems(result.data.items);
    else setProblem(result.problem);
  }, [status, kind]);

  useEffect(() => {
    void load();
  }, [load]);

  async function exportCsv() {
    setExporting(true);
    const result = await getBlob('/v1/reports/export.csv');
    setExporting(false);
    if (result.ok) saveBlob(result.data, 'reports.csv');
    else setProblem(result.problem);
  }

  const columns: TableColumnsType<ReportSummaryDto> = [
    {
      title: 'Reference',
      dataIndex: 'reference',
      render: (_, r) => <Link to={`/reports/${encodeURIComponent(r.id)}`}>{r.reference}</Link>,
    },
    {
      title: 'Kind',
      dataIndex: 'kind',
      render: (_, r) => (
        <Space size={4}>
          <Tag>{r.kind}</Tag>
          {r.amendmentKind && <Tag color="purple">{r.amendmentKind}</Tag>}
        </Space>
      ),
    },
    { title: 'Status', dataIndex: 'status', render: (_, r) => <ReportStatusTag status={r.status} /> },
    {
      title: 'Case',
      dataIndex: 'caseReference',
      render: (_, r) =>
        r.caseId ? <Link to={`/cases/${encodeURIComponent(r.caseId)}`}>{r.caseReference ?? r.caseId}</Link> : '—',
    },
    {
      title: 'Due',
      dataIndex: 'dueAt',
      render: (_, r) => <DueCountdown dueAt={r.dueAt} done={FILED.includes(r.status)} />,
    },
    { title: 'Filed reference', dataIndex: 'filedReference', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" wrap gap="small">
        <Space wrap>
          <Select<ReportStatus>
            allowClear
            placeholder="Status"
            style={{ width: 180 }}
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') }))}
          />
          <Select<ReportKind>
            allowClear
            placeholder="Kind"
            style={{ width: 120 }}
            value={kind}
            onChange={setKind}
            options={KINDS.map((k) => ({ value: k, label: k }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            Refresh
          </Button>
        </Space>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      </Flex>
      {problem && <ProblemAlert problem={problem} />}
      <Table<ReportSummaryDto>
        rowKey="id"
        loading={items === undefined && !problem}
        dataSource={items}
        columns={columns}
      />
    </Flex>
  );
}

function DeadlinesTab() {
  const [items, setItems] = useState<ReportDeadlineDto[]>();
  const [problem, setProblem] = useState<ApiProblem>();

  useEffect(() => {
    void (async () => {
      const result = await getJson<{ items: ReportDeadlineDto[] }>('/v1/reports/deadlines');
      if (result.ok) setItems(result.data.items);
      else setProblem(result.problem);
    })();
  }, []);

  const columns: TableColumnsType<ReportDeadlineDto> = [
    {
      title: 'Case',
      dataIndex: 'caseReference',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/cases/${encodeURIComponent(r.caseId)}`}>{r.caseReference}</Link>
          <Typography.Text type="secondary">{r.caseTitle}</Typography.Text>
        </Space>
      ),
    },
    {
      title: 'Due',
      dataIndex: 'dueAt',
      render: (_, r) => <DueCountdown dueAt={r.dueAt} done={r.daysLeft === null} />,
    },
    { title: 'Status', dataIndex: 'status', render: (_, r) => <ReportStatusTag status={r.status} /> },
    {
      title: 'Report',
      dataIndex: 'reportReference',
      render: (_, r) =>
        r.reportId ? <Link to={`/reports/${encodeURIComponent(r.reportId)}`}>{r.reportReference}</Link> : '—',
    },
    {
      title: 'Continuing-activity review',
      dataIndex: 'continuingActivityReviewAt',
      render: (v: string | null) => (v ? new Date(v).toLocaleDateString() : '—'),
    },
    {
      title: 'Notices',
      dataIndex: 'notices',
      render: (_, r) => (
        <Space wrap size={4}>
          {r.notices.map((n) => (
            <Tag key={`${n.kind}:${n.dueAt}`} color={n.kind === 'overdue' ? 'red' : 'orange'}>
              {`${n.kind.replace(/_/g, ' ')} · ${new Date(n.at).toLocaleDateString()}`}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      {problem && <ProblemAlert problem={problem} />}
      <Table<ReportDeadlineDto>
        rowKey="caseId"
        loading={items === undefined && !problem}
        dataSource={items}
        columns={columns}
        rowClassName={(r) => (r.overdue ? 'report-overdue' : '')}
      />
    </Flex>
  );
}

/** Regulator reports: the filings list and the deadline board of every case that needs a report. */
export function ReportsPage() {
  return (
    <Card title="Reports">
      <Tabs
        items={[
          { key: 'filings', label: 'Filings', children: <FilingsTab /> },
          { key: 'deadlines', label: 'Deadlines', children: <DeadlinesTab /> },
        ]}
      />
    </Card>
  );
}
