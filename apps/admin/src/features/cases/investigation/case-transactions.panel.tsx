import { useCallback, useEffect, useState } from 'react';
import { Empty, Flex, List, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { ProblemAlert, type ApiProblem } from '../investigation.shared';
import { getJson, segment } from '../../queues/queues.api';
import type { CaseTransactionDto, CaseTransactionsDto } from './investigation.dto';
import { DECISION_COLOURS, formatMinor } from './investigation.format';

/** One horizontal bar per contribution: right (red) raises the score, left (green) lowers it. */
function ContributionBars({ items }: { items: CaseTransactionDto['topContributions'] }) {
  const max = Math.max(1e-9, ...items.map((c) => Math.abs(c.contribution)));
  return (
    <Flex vertical gap={4} style={{ maxWidth: 560 }}>
      {items.map((c) => {
        const width = `${String(Math.round((Math.abs(c.contribution) / max) * 50))}%`;
        const positive = c.contribution >= 0;
        return (
          <Flex key={c.feature} align="center" gap="small">
            <Typography.Text style={{ width: 200 }} ellipsis={{ tooltip: c.feature }}>
              {c.feature}
            </Typography.Text>
            <Tooltip title={`value ${String(c.value)}, contribution ${c.contribution.toFixed(4)}`}>
              <div
                style={{ position: 'relative', flex: 1, height: 12, background: '#fafafa' }}
                aria-label={`${c.feature} contribution ${c.contribution.toFixed(4)}`}
              >
                <div
                  style={{ position: 'absolute', left: '50%', top: 0, bottom: 0, width: 1, background: '#bfbfbf' }}
                />
                <div
                  style={{
                    position: 'absolute',
                    top: 1,
                    bottom: 1,
                    width,
                    ...(positive ? { left: '50%' } : { right: '50%' }),
                    background: positive ? '#ff7875' : '#95de64',
                  }}
                />
              </div>
            </Tooltip>
            <Typography.Text type="secondary" style={{ width: 70, textAlign: 'right' }}>
              {c.contribution.toFixed(3)}
            </Typography.Text>
          </Flex>
        );
      })}
    </Flex>
  );
}

function TransactionExplanation({ t }: { t: CaseTransactionDto }) {
  return (
    <Flex vertical gap="small">
      <Typography.Text type="secondary">
        Rule set {t.ruleSetVersion !== null ? `v${String(t.ruleSetVersion)}` : 'none'} · model{' '}
        {t.modelVersion ?? 'none'} (score {t.modelScore.toFixed(3)}) · counterparty{' '}
        {t.counterparty.iban ?? t.counterparty.account ?? '—'}
        {t.counterparty.country ? ` (${t.counterparty.country})` : ''}
      </Typography.Text>
      <List
        size="small"
        header={<Typography.Text strong>Reasons</Typography.Text>}
        dataSource={t.reasons}
        locale={{ emptyText: 'No reasons recorded' }}
        renderItem={(r) => (
          <List.Item>
            <Tag>{r.kind}</Tag>
            <Typography.Text>{r.message}</Typography.Text>
          </List.Item>
        )}
      />
      {t.topContributions.length > 0 && (
        <>
          <Typography.Text strong>Feature contributions</Typography.Text>
          <ContributionBars items={t.topContributions} />
        </>
      )}
    </Flex>
  );
}

/** The case's transactions with their decisions; each row expands to its reasons and feature contributions. */
export function CaseTransactionsPanel({ caseId }: { caseId: string }) {
  const [data, setData] = useState<CaseTransactionsDto>();
  const [problem, setProblem] = useState<ApiProblem>();

  const load = useCallback(async () => {
    const result = await getJson<CaseTransactionsDto>(`/v1/cases/${segment(caseId)}/transactions`);
    if (result.ok) {
      setData(result.data);
      setProblem(undefined);
    } else {
      setProblem(result.problem);
    }
  }, [caseId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!data) return <Spin />;
  if (data.items.length === 0) return <Empty description="No transactions are linked to this case" />;

  return (
    <Table
      data-testid="case-transactions"
      rowKey="transactionId"
      size="small"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      dataSource={data.items}
      expandable={{ expandedRowRender: (t) => <TransactionExplanation t={t} /> }}
      columns={[
        { title: 'Booked', key: 'bookedAt', render: (_, t) => new Date(t.bookedAt).toLocaleString() },
        { title: 'Id', key: 'externalId', render: (_, t) => <Typography.Text code>{t.externalId}</Typography.Text> },
        { title: 'Customer', key: 'customer', render: (_, t) => t.customerId },
        { title: 'Direction', key: 'direction', render: (_, t) => (t.direction === 'out' ? 'out →' : '← in') },
        { title: 'Counterparty', key: 'counterparty', render: (_, t) => t.counterparty.name },
        { title: 'Amount', key: 'amount', align: 'right', render: (_, t) => formatMinor(t.amountMinor, t.currency) },
        {
          title: 'Decision',
          key: 'decision',
          render: (_, t) => <Tag color={DECISION_COLOURS[t.decision]}>{t.decision}</Tag>,
        },
        { title: 'Score', key: 'score', align: 'right', render: (_, t) => t.score.toFixed(2) },
        {
          title: 'Alerts',
          key: 'alerts',
          render: (_, t) => (t.alertReferences.length > 0 ? t.alertReferences.join(', ') : 'linked directly'),
        },
      ]}
    />
  );
}
