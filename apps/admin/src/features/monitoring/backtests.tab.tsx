import {
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { GetProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import { callApi, type ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import {
  DECISION_COLORS,
  type BacktestDto,
  type BacktestResultDto,
  type ModelDto,
  type RuleSetDto,
} from './monitoring.dto';

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

/** While a backtest runs, its progress is polled this often. */
const POLL_MS = 1_500;

const percent = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function BacktestResultView({ result }: { result: BacktestResultDto }) {
  const arms = [
    { arm: 'Published', ...result.published },
    { arm: 'Draft', ...result.draft },
    ...(result.draftWithShadow ? [{ arm: 'Draft + shadow model', ...result.draftWithShadow }] : []),
  ];
  const histogram = result.scoreHistogram.map((count, i) => ({
    bucket: `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`,
    count,
  }));
  return (
    <Flex vertical gap="middle" aria-label="Backtest result">
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title="Transactions replayed" value={result.transactions} />
        </Col>
        <Col span={6}>
          <Statistic title="With a disposition" value={result.labelled} />
        </Col>
        <Col span={6}>
          <Statistic title="Decisions that change" value={result.changedCount} />
        </Col>
      </Row>
      <Table
        size="small"
        aria-label="Alerts per rule set"
        rowKey="arm"
        pagination={false}
        dataSource={arms}
        columns={[
          { title: '', dataIndex: 'arm' },
          { title: 'Version', dataIndex: 'version', render: (v: number | null) => v ?? 'none' },
          { title: 'Alerts', dataIndex: 'alerts' },
          { title: 'Review', dataIndex: 'reviews' },
          { title: 'Block', dataIndex: 'blocks' },
          { title: 'Precision', dataIndex: 'precision', render: percent },
          { title: 'Recall', dataIndex: 'recall', render: percent },
        ]}
      />
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Text strong>Alerts raised</Typography.Text>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={arms}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="arm" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="reviews" stackId="a" fill="#faad14" name="review" />
              <Bar dataKey="blocks" stackId="a" fill="#ff4d4f" name="block" />
            </BarChart>
          </ResponsiveContainer>
        </Col>
        <Col span={12}>
          <Typography.Text strong>Draft combined scores</Typography.Text>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={histogram}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" fontSize={10} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="count" fill="#1677ff" name="transactions" />
            </BarChart>
          </ResponsiveContainer>
        </Col>
      </Row>
      <div>
        <Typography.Text strong>Suggested review thresholds</Typography.Text>
        {result.suggestions.length === 0 ? (
          <Typography.Paragraph type="secondary">
            No suggestion (no dispositions, and no threshold keeps the volume).
          </Typography.Paragraph>
        ) : (
          <ul>
            {result.suggestions.map((s) => (
              <li key={s.reason}>
                review ≥ <strong>{s.review}</strong>:{' '}
                {s.reason === 'max_f1'
                  ? `best F1 (${String(s.f1)}) against dispositions`
                  : 'keeps alert volume at or below the published set'}
                , {s.alerts} alerts
              </li>
            ))}
          </ul>
        )}
      </div>
      <Table
        size="small"
        aria-label="Changed decisions"
        rowKey="transactionId"
        dataSource={result.changes}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: 'Transaction', dataIndex: 'externalId' },
          { title: 'Booked', dataIndex: 'bookedAt', render: (d: string) => new Date(d).toLocaleString() },
          {
            title: 'Published',
            dataIndex: 'published',
            render: (d: keyof typeof DECISION_COLORS, r) => (
              <Tag color={DECISION_COLORS[d]}>
                {d} {r.publishedScore.toFixed(2)}
              </Tag>
            ),
          },
          {
            title: 'Draft',
            dataIndex: 'draft',
            render: (d: keyof typeof DECISION_COLORS, r) => (
              <Tag color={DECISION_COLORS[d]}>
                {d} {r.draftScore.toFixed(2)}
              </Tag>
            ),
          },
        ]}
      />
    </Flex>
  );
}

function BacktestCard({ backtest }: { backtest: BacktestDto }) {
  const total = backtest.total ?? 0;
  return (
    <Card
      size="small"
      title={`Backtest of ${new Date(backtest.from).toLocaleDateString()} – ${new Date(backtest.to).toLocaleDateString()}`}
    >
      {backtest.status === 'completed' && backtest.result ? (
        <BacktestResultView result={backtest.result} />
      ) : backtest.status === 'failed' ? (
        <Typography.Text type="danger">Failed: {backtest.error}</Typography.Text>
      ) : (
        <Progress
          aria-label="Backtest progress"
          percent={total > 0 ? Math.round((backtest.processed / total) * 100) : 0}
          status="active"
          format={() => (backtest.status === 'queued' ? 'queued' : `${String(backtest.processed)} / ${String(total)}`)}
        />
      )}
    </Card>
  );
}

/** Start a backtest of a draft against the published rule set; watch its progress; read its result. */
export function BacktestsTab() {
  const session = useSession();
  const canWrite = rolesGrant(session.user.roles, 'rules:write');
  const [drafts, setDrafts] = useState<RuleSetDto[]>([]);
  const [models, setModels] = useState<ModelDto[]>([]);
  const [backtests, setBacktests] = useState<BacktestDto[]>([]);
  const [selected, setSelected] = useState<string>();
  const [ruleSetId, setRuleSetId] = useState<string>();
  const [shadowModelId, setShadowModelId] = useState<string>();
  const [range, setRange] = useState<RangeValue>(null);
  const [problem, setProblem] = useState<ApiProblem>();

  const load = useCallback(async () => {
    const [sets, registry, runs] = await Promise.all([
      callApi(() => api.GET('/v1/rule-sets')),
      callApi(() => api.GET('/v1/models')),
      callApi(() => api.GET('/v1/backtests')),
    ]);
    if (sets.ok) setDrafts(sets.data.filter((r) => r.status === 'draft' || r.status === 'pending_approval'));
    if (registry.ok) setModels(registry.data.filter((m) => m.status !== 'retired'));
    if (runs.ok) setBacktests(runs.data);
    else setProblem(runs.problem);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const current = backtests.find((b) => b.id === selected);
  const running = current !== undefined && (current.status === 'queued' || current.status === 'running');
  useEffect(() => {
    if (!running || current === undefined) return;
    const timer = setInterval(() => {
      void callApi(() => api.GET('/v1/backtests/{id}', { params: { path: { id: current.id } } })).then((result) => {
        if (result.ok) setBacktests((all) => all.map((b) => (b.id === result.data.id ? result.data : b)));
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, current]);

  const start = async (): Promise<void> => {
    const [from, to] = range ?? [];
    if (ruleSetId === undefined || !from || !to) {
      setProblem({ title: 'Choose a draft and a period', errors: [] });
      return;
    }
    const result = await callApi(() =>
      api.POST('/v1/backtests', {
        body: {
          ruleSetId,
          includeShadowModelId: shadowModelId,
          from: from.startOf('day').toISOString(),
          to: to.endOf('day').toISOString(),
        },
      }),
    );
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    setBacktests((all) => [result.data, ...all]);
    setSelected(result.data.id);
  };

  return (
    <Flex vertical gap="middle">
      {canWrite && (
        <Space wrap>
          <Select
            aria-label="Draft rule set"
            placeholder="Draft rule set"
            style={{ width: 260 }}
            value={ruleSetId}
            onChange={setRuleSetId}
            options={drafts.map((d) => ({ value: d.id, label: `v${String(d.version)} ${d.name}` }))}
          />
          <Select
            aria-label="Shadow model"
            placeholder="Champion scores (no shadow model)"
            allowClear
            style={{ width: 260 }}
            value={shadowModelId}
            onChange={setShadowModelId}
            options={models.map((m) => ({ value: m.id, label: `${m.name} v${String(m.version)} (${m.status})` }))}
          />
          <DatePicker.RangePicker aria-label="Period" value={range} onChange={(value) => setRange(value)} />
          <Button type="primary" onClick={() => void start()}>
            Start backtest
          </Button>
        </Space>
      )}
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Table<BacktestDto>
        aria-label="Backtests"
        size="small"
        rowKey="id"
        dataSource={backtests}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        onRow={(b) => ({ onClick: () => setSelected(b.id), style: { cursor: 'pointer' } })}
        rowClassName={(b) => (b.id === selected ? 'ant-table-row-selected' : '')}
        columns={[
          { title: 'Started', dataIndex: 'createdAt', render: (d: string) => new Date(d).toLocaleString() },
          {
            title: 'Period',
            render: (_, b) => `${new Date(b.from).toLocaleDateString()} – ${new Date(b.to).toLocaleDateString()}`,
          },
          { title: 'Status', dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
          {
            title: 'Alerts (published → draft)',
            render: (_, b) =>
              b.result ? `${String(b.result.published.alerts)} → ${String(b.result.draft.alerts)}` : '—',
          },
        ]}
      />
      {current !== undefined && <BacktestCard backtest={current} />}
    </Flex>
  );
}
