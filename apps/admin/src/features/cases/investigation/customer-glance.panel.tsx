import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Card, Descriptions, Flex, List, Spin, Table, Tag, Typography } from 'antd';
import { ProblemAlert, type ApiProblem } from '../investigation.shared';
import { getJson, segment } from '../../queues/queues.api';
import type { CustomerGlanceDto } from './investigation.dto';
import { DECISION_COLOURS, formatMinor, RISK_COLOURS } from './investigation.format';

/** A customer at a glance: profile and risk with its reasons, recent transactions, past alerts and cases. */
export function CustomerGlancePanel({ customerId }: { customerId: string }) {
  const [glance, setGlance] = useState<CustomerGlanceDto>();
  const [problem, setProblem] = useState<ApiProblem>();

  const load = useCallback(async () => {
    const result = await getJson<CustomerGlanceDto>(`/v1/investigations/customers/${segment(customerId)}`);
    if (result.ok) {
      setGlance(result.data);
      setProblem(undefined);
    } else {
      setProblem(result.problem);
    }
  }, [customerId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!glance) return <Spin />;
  const p = glance.profile;

  return (
    <Flex vertical gap="middle" data-testid="customer-glance">
      <Descriptions
        size="small"
        bordered
        column={3}
        title={<Link to={`/customers/${segment(p.id)}`}>{p.fullName}</Link>}
        items={[
          { key: 'ref', label: 'Reference', children: p.externalRef ?? '—' },
          { key: 'type', label: 'Type', children: p.type },
          { key: 'status', label: 'KYC status', children: <Tag>{p.kycStatus}</Tag> },
          { key: 'country', label: 'Country', children: p.country ?? '—' },
          {
            key: 'risk',
            label: 'Risk rating',
            children: (
              <Tag color={RISK_COLOURS[p.riskRating] ?? 'default'}>
                {p.riskRating}
                {p.riskScore !== null ? ` (${String(p.riskScore)})` : ''}
              </Tag>
            ),
          },
          {
            key: 'flags',
            label: 'Flags',
            children: (
              <>
                {p.isPep && <Tag color="purple">PEP</Tag>}
                {p.eddRequired && <Tag color="orange">EDD</Tag>}
                {p.screeningStatus && <Tag>screening: {p.screeningStatus}</Tag>}
              </>
            ),
          },
          { key: 'accounts', label: 'Accounts', span: 3, children: p.accounts.join(', ') || '—' },
        ]}
      />
      {p.riskFactors.length > 0 && (
        <Card size="small" title="Why this risk rating">
          <List
            size="small"
            dataSource={p.riskFactors}
            renderItem={(f) => (
              <List.Item>
                <Typography.Text strong>{f.factor}</Typography.Text>&nbsp;
                <Tag>{String(f.points)} pts</Tag>
                <Typography.Text>{f.reason}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={`Recent transactions (${String(glance.transactionCount)} in total)`}>
        <Table
          rowKey="transactionId"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={glance.recentTransactions}
          columns={[
            { title: 'Booked', key: 'bookedAt', render: (_, t) => new Date(t.bookedAt).toLocaleString() },
            { title: 'Direction', key: 'direction', render: (_, t) => (t.direction === 'out' ? 'out →' : '← in') },
            {
              title: 'Amount',
              key: 'amount',
              align: 'right',
              render: (_, t) => formatMinor(t.amountMinor, t.currency),
            },
            { title: 'Counterparty', key: 'counterparty', render: (_, t) => t.counterpartyName },
            {
              title: 'Decision',
              key: 'decision',
              render: (_, t) => <Tag color={DECISION_COLOURS[t.decision]}>{t.decision}</Tag>,
            },
            { title: 'Score', key: 'score', align: 'right', render: (_, t) => t.score.toFixed(2) },
          ]}
        />
      </Card>
      <Card size="small" title={`Alerts (${String(glance.alertCount)})`}>
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={glance.alerts}
          columns={[
            { title: 'Reference', key: 'reference', render: (_, a) => a.reference },
            { title: 'Type', key: 'type', render: (_, a) => a.type },
            { title: 'Title', key: 'title', render: (_, a) => a.title },
            { title: 'Status', key: 'status', render: (_, a) => <Tag>{a.status}</Tag> },
            {
              title: 'Disposition',
              key: 'disposition',
              render: (_, a) => (a.disposition ? `${a.disposition} (${a.reasonCode ?? ''})` : '—'),
            },
            { title: 'Raised', key: 'createdAt', render: (_, a) => new Date(a.createdAt).toLocaleDateString() },
          ]}
        />
      </Card>
      <Card size="small" title={`Cases (${String(glance.cases.length)})`}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={glance.cases}
          columns={[
            {
              title: 'Reference',
              key: 'reference',
              render: (_, c) => <Link to={`/cases/${segment(c.id)}`}>{c.reference}</Link>,
            },
            { title: 'Title', key: 'title', render: (_, c) => c.title },
            { title: 'Status', key: 'status', render: (_, c) => <Tag>{c.status}</Tag> },
            { title: 'Outcome', key: 'outcome', render: (_, c) => c.closeDisposition ?? '—' },
            { title: 'Opened', key: 'createdAt', render: (_, c) => new Date(c.createdAt).toLocaleDateString() },
          ]}
        />
      </Card>
    </Flex>
  );
}
