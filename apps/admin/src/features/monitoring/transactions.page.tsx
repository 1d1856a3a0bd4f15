import {
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { GetProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import { callApi, type ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import {
  DECISION_COLORS,
  type Decision,
  type TransactionDetailDto,
  type TransactionListQuery,
  type TransactionSummaryDto,
} from './monitoring.dto';

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

function formatAmount(minor: string, currency: string): string {
  const value = Number(minor) / 100;
  return `${value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
}

function TransactionDetail({ detail }: { detail: TransactionDetailDto }) {
  const contributions = detail.contributions.map((c) => ({ ...c, label: c.feature }));
  const features = Object.entries(detail.features).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Flex vertical gap="middle">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="Decision">
          <Tag color={DECISION_COLORS[detail.decision]}>{detail.decision}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="Score">{detail.score.toFixed(3)}</Descriptions.Item>
        <Descriptions.Item label="Model score">{detail.modelScore.toFixed(3)}</Descriptions.Item>
        <Descriptions.Item label="Versions">
          rules v{detail.ruleSetVersion ?? '—'}, model {detail.modelVersion ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label="Amount">{formatAmount(detail.amountMinor, detail.currency)}</Descriptions.Item>
        <Descriptions.Item label="Booked">{new Date(detail.bookedAt).toLocaleString()}</Descriptions.Item>
        <Descriptions.Item label="Customer / account">
          {detail.customerId} / {detail.accountId}
        </Descriptions.Item>
        <Descriptions.Item label="Counterparty">
          {detail.counterparty.name} {detail.counterparty.country ?? ''}
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>Fired rules</Typography.Title>
        {detail.firedRules.length === 0 ? (
          <Typography.Text type="secondary">No rule fired.</Typography.Text>
        ) : (
          <ul aria-label="Fired rules">
            {detail.firedRules.map((r) => (
              <li key={r.name}>
                <Tag>{r.name}</Tag> {r.message} {r.action && <Tag color="gold">{r.action}</Tag>} weight {r.weight}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <Typography.Title level={5}>Reasons</Typography.Title>
        <ul>
          {detail.reasons.map((r, i) => (
            <li key={i}>
              <Tag>{r.kind}</Tag> {r.message}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <Typography.Title level={5}>Feature contributions to the model score</Typography.Title>
        {contributions.length === 0 ? (
          <Typography.Text type="secondary">No model contributions (no champion model).</Typography.Text>
        ) : (
          <ResponsiveContainer width="100%" height={40 + contributions.length * 28}>
            <BarChart data={contributions} layout="vertical" margin={{ left: 40 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" />
              <YAxis type="category" dataKey="label" width={160} fontSize={12} />
              <Tooltip />
              <Bar dataKey="contribution" name="contribution (log-odds)">
                {contributions.map((c) => (
                  <Cell key={c.feature} fill={c.contribution >= 0 ? '#ff4d4f' : '#52c41a'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      <div>
        <Typography.Title level={5}>Shadow scores</Typography.Title>
        {detail.shadowScores.length === 0 ? (
          <Typography.Text type="secondary">No shadow model ran.</Typography.Text>
        ) : (
          <ul>
            {detail.shadowScores.map((s) => (
              <li key={s.modelVersionId}>
                {s.name} v{s.version}: {s.score.toFixed(3)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <Typography.Title level={5}>Features</Typography.Title>
        <Table
          size="small"
          aria-label="Features"
          rowKey={([name]) => name}
          pagination={false}
          dataSource={features}
          columns={[
            { title: 'Feature', render: (_, [name]) => <Typography.Text code>{name}</Typography.Text> },
            { title: 'Value', render: (_, [, value]) => String(value) },
          ]}
        />
      </div>
    </Flex>
  );
}

/** The transactions explorer: decided transactions with filters, and each one's decision, reasons and features. */
export function TransactionsPage() {
  const [params, setParams] = useSearchParams();
  const [customerId, setCustomerId] = useState(params.get('customerId') ?? '');
  const [decision, setDecision] = useState<Decision | undefined>(
    (params.get('decision') as Decision | null) ?? undefined,
  );
  const [minScore, setMinScore] = useState<number | null>(null);
  const [range, setRange] = useState<RangeValue>(null);
  const [items, setItems] = useState<TransactionSummaryDto[]>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [detail, setDetail] = useState<TransactionDetailDto>();

  const query = useCallback((): TransactionListQuery => {
    const [from, to] = range ?? [];
    return {
      customerId: customerId.trim() || undefined,
      decision,
      minScore: minScore ?? undefined,
      from: from?.toISOString(),
      to: to?.toISOString(),
      limit: 50,
    };
  }, [customerId, decision, minScore, range]);

  const load = useCallback(
    async (cursor?: string) => {
      const result = await callApi(() => api.GET('/v1/transactions', { params: { query: { ...query(), cursor } } }));
      if (!result.ok) {
        setProblem(result.problem);
        return;
      }
      setProblem(undefined);
      setItems((previous) => (cursor === undefined ? result.data.items : [...(previous ?? []), ...result.data.items]));
      setNextCursor(result.data.nextCursor);
    },
    [query],
  );

  // The first page on arrival; later, the filters apply with the button (not on every keystroke).
  const [initialLoad] = useState(() => load);
  useEffect(() => {
    void initialLoad();
  }, [initialLoad]);

  const open = async (id: string): Promise<void> => {
    const result = await callApi(() => api.GET('/v1/transactions/{id}', { params: { path: { id } } }));
    if (result.ok) setDetail(result.data);
    else setProblem(result.problem);
  };

  return (
    <Flex vertical gap="middle">
      <title>Transactions · Verity</title>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Transactions
      </Typography.Title>
      <Space wrap>
        <Input
          aria-label="Customer"
          placeholder="Customer reference"
          value={customerId}
          onChange={(e) => setCustomerId(e.target.value)}
          style={{ width: 200 }}
        />
        <Select
          aria-label="Decision"
          placeholder="Any decision"
          allowClear
          style={{ width: 150 }}
          value={decision}
          onChange={setDecision}
          options={(['allow', 'review', 'block'] as const).map((d) => ({ value: d, label: d }))}
        />
        <InputNumber
          aria-label="Minimum score"
          placeholder="Min score"
          min={0}
          max={1}
          step={0.05}
          value={minScore}
          onChange={setMinScore}
        />
        <DatePicker.RangePicker
          aria-label="Booked between"
          showTime
          value={range}
          onChange={(value) => setRange(value)}
        />
        <Button
          type="primary"
          onClick={() => {
            const next = new URLSearchParams();
            if (customerId.trim()) next.set('customerId', customerId.trim());
            if (decision) next.set('decision', decision);
            setParams(next);
            void load();
          }}
        >
          Filter
        </Button>
      </Space>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Table<TransactionSummaryDto>
        aria-label="Transactions"
        size="small"
        rowKey="transactionId"
        loading={items === undefined && problem === undefined}
        dataSource={items}
        pagination={false}
        onRow={(t) => ({ onClick: () => void open(t.transactionId), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Booked', dataIndex: 'bookedAt', render: (d: string) => new Date(d).toLocaleString() },
          { title: 'Transaction', dataIndex: 'externalId' },
          { title: 'Customer', dataIndex: 'customerId' },
          { title: 'Direction', dataIndex: 'direction' },
          { title: 'Channel', dataIndex: 'channel' },
          { title: 'Amount', render: (_, t) => formatAmount(t.amountMinor, t.currency), align: 'right' },
          { title: 'Counterparty', dataIndex: 'counterpartyName' },
          {
            title: 'Decision',
            dataIndex: 'decision',
            render: (d: Decision) => <Tag color={DECISION_COLORS[d]}>{d}</Tag>,
          },
          { title: 'Score', dataIndex: 'score', render: (s: number) => s.toFixed(3), align: 'right' },
        ]}
      />
      {nextCursor !== null && (
        <Button onClick={() => void load(nextCursor)} style={{ alignSelf: 'center' }}>
          More
        </Button>
      )}
      <Drawer
        open={detail !== undefined}
        onClose={() => setDetail(undefined)}
        size="large"
        title={detail ? `Transaction ${detail.externalId}` : ''}
      >
        {detail && <TransactionDetail detail={detail} />}
      </Drawer>
    </Flex>
  );
}
