import { Collapse, Descriptions, Empty, Flex, Progress, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AlertDetailDto } from './queues.dto';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A value from the evidence under the first of several names the source may use. */
function pick(details: Record<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) if (details[key] !== undefined && details[key] !== null) return details[key];
  return undefined;
}

/** Reasons arrive as strings or as `{ code|rule|ruleId, description|message }` objects. */
function reasonLabels(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((reason: unknown) => {
    if (typeof reason === 'string') return [reason];
    if (!isRecord(reason)) return [];
    const name = text(pick(reason, 'ruleId', 'rule', 'code', 'id', 'name'));
    const why = text(pick(reason, 'description', 'message', 'reason', 'detail'));
    const label = [name, why].filter((part) => part !== undefined).join(': ');
    return label.length > 0 ? [label] : [];
  });
}

interface Contribution {
  feature: string;
  value: number;
}

/** Contributions arrive as `[{ feature|name, contribution|value|weight }]` or as `{ feature: value }`. */
function contributionsOf(value: unknown): Contribution[] {
  const list: Contribution[] = Array.isArray(value)
    ? value.flatMap((entry: unknown) => {
        if (!isRecord(entry)) return [];
        const feature = text(pick(entry, 'feature', 'name', 'key'));
        const amount = numberOf(pick(entry, 'contribution', 'value', 'weight', 'shap'));
        return feature !== undefined && amount !== undefined ? [{ feature, value: amount }] : [];
      })
    : isRecord(value)
      ? Object.entries(value).flatMap(([feature, amount]) =>
          typeof amount === 'number' ? [{ feature, value: amount }] : [],
        )
      : [];
  return list.sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, 12);
}

function ContributionBars({ contributions }: { contributions: Contribution[] }) {
  const largest = Math.max(...contributions.map((c) => Math.abs(c.value)), Number.EPSILON);
  return (
    <Flex vertical gap={2} aria-label="Feature contributions">
      {contributions.map((c) => (
        <Flex key={c.feature} gap="small" align="center">
          <Typography.Text style={{ width: 220 }} ellipsis={{ tooltip: c.feature }}>
            {c.feature}
          </Typography.Text>
          <Progress
            style={{ width: 200, margin: 0 }}
            percent={Math.round((Math.abs(c.value) / largest) * 100)}
            showInfo={false}
            strokeColor={c.value >= 0 ? '#cf1322' : '#389e0d'}
            size="small"
          />
          <Typography.Text type="secondary">{c.value.toFixed(3)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

function item(key: string, label: string, children: ReactNode): NonNullable<DescriptionsProps['items']>[number] {
  return { key, label, children };
}

/** What made the alert, by type: the decision and its reasons, the screening match, or the KYC review. */
export function AlertEvidenceView({ alert }: { alert: AlertDetailDto }) {
  const details = isRecord(alert.details) ? alert.details : {};
  const items: NonNullable<DescriptionsProps['items']> = [];
  let extra: ReactNode = null;

  switch (alert.type) {
    case 'transaction': {
      const decision = text(pick(details, 'decision', 'action'));
      const score = numberOf(pick(details, 'score')) ?? alert.score ?? undefined;
      const amount = text(pick(details, 'amount', 'amountMinor'));
      const currency = text(pick(details, 'currency'));
      const counterparty = text(pick(details, 'counterpartyName', 'counterparty'));
      if (decision !== undefined) items.push(item('decision', 'Decision', <Tag color="orange">{decision}</Tag>));
      if (score !== undefined) items.push(item('score', 'Score', score.toFixed(3)));
      if (amount !== undefined) items.push(item('amount', 'Amount', `${amount} ${currency ?? ''}`.trim()));
      if (counterparty !== undefined) items.push(item('counterparty', 'Counterparty', counterparty));
      if (alert.transactionId !== null) {
        items.push(
          item('transaction', 'Transaction', <Typography.Text copyable>{alert.transactionId}</Typography.Text>),
        );
      }
      const reasons = reasonLabels(pick(details, 'reasons', 'firedRules', 'rules'));
      if (reasons.length > 0) {
        items.push(
          item(
            'reasons',
            'Reasons',
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>,
          ),
        );
      }
      const contributions = contributionsOf(pick(details, 'contributions', 'featureContributions'));
      if (contributions.length > 0) extra = <ContributionBars contributions={contributions} />;
      break;
    }
    case 'screening_hit': {
      const hit = isRecord(details.hit) ? details.hit : details;
      const entry = isRecord(hit.entry) ? hit.entry : undefined;
      const entryName = text(entry ? pick(entry, 'name', 'primaryName') : pick(hit, 'entryName', 'matchedName'));
      const list = text(entry ? pick(entry, 'listName', 'list', 'source') : pick(hit, 'listName', 'list', 'listKind'));
      const score = numberOf(pick(hit, 'score', 'matchScore')) ?? alert.score ?? undefined;
      const explanation = pick(hit, 'explanation', 'explain', 'reasons');
      if (entryName !== undefined) items.push(item('entry', 'Listed entry', entryName));
      if (list !== undefined) items.push(item('list', 'List', list));
      if (score !== undefined) items.push(item('score', 'Match score', score.toFixed(3)));
      if (explanation !== undefined) {
        items.push(
          item(
            'explanation',
            'Explanation',
            typeof explanation === 'string' ? (
              explanation
            ) : (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(explanation, null, 2)}</pre>
            ),
          ),
        );
      }
      break;
    }
    case 'kyc_review': {
      const review = isRecord(details.review) ? details.review : details;
      const due = text(pick(review, 'dueAt', 'due'));
      const reason = text(pick(review, 'reason'));
      const rating = text(pick(review, 'riskRating', 'rating'));
      if (reason !== undefined) items.push(item('reason', 'Review reason', reason.replace(/_/g, ' ')));
      if (rating !== undefined) items.push(item('rating', 'Risk rating', rating));
      if (due !== undefined) items.push(item('due', 'Review due', new Date(due).toLocaleDateString()));
      break;
    }
    case 'case_deadline': {
      const due = text(pick(details, 'reportDueAt', 'dueAt'));
      if (due !== undefined) items.push(item('due', 'Report due', new Date(due).toLocaleString()));
      items.push(item('case', 'Case', <Link to={`/cases/${alert.subject.id}`}>{alert.subject.label}</Link>));
      break;
    }
  }
  if (alert.customerId !== null && alert.type !== 'case_deadline') {
    items.push(item('customer', 'Customer', <Link to={`/customers/${alert.customerId}`}>{alert.customerId}</Link>));
  }

  return (
    <Flex vertical gap="middle">
      {items.length > 0 ? (
        <Descriptions column={1} size="small" bordered items={items} />
      ) : (
        <Empty description="The source gave no structured evidence" />
      )}
      {extra}
      <Collapse
        size="small"
        items={[
          {
            key: 'raw',
            label: 'Evidence as recorded',
            children: (
              <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto' }}>{JSON.stringify(details, null, 2)}</pre>
            ),
          },
        ]}
      />
    </Flex>
  );
}
