import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { getMessage, getMessageXml, messageXmlUrl } from './iso20022.api';
import type { MessageDetailDto, MessageListItemDto, MessageTransactionDto } from './iso20022.dto';
import { MessageStatusTag } from './iso20022.page';

/** Minor units → a decimal string, without floating point. */
function formatMinor(minor: string, exponent = 2): string {
  const negative = minor.startsWith('-');
  const digits = (negative ? minor.slice(1) : minor).padStart(exponent + 1, '0');
  const major = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${major}` : major;
}

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'CLP', 'ISK', 'VND', 'XOF', 'XAF', 'UGX', 'PYG', 'RWF']);
const THREE_DECIMAL = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD']);
function exponentOf(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;
}

/** The summary's scalar fields (and small objects as JSON), for the parsed view. */
function summaryItems(summary: Record<string, unknown>) {
  return Object.entries(summary)
    .filter(([key]) => key !== 'transactions' && key !== 'payments')
    .map(([key, value]) => ({
      key,
      label: key,
      children: typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
    }));
}

/** One message: header, parsed summary, linked transactions, related messages and the raw XML. */
export function Iso20022MessagePage() {
  const { id = '' } = useParams();
  const [message, setMessage] = useState<MessageDetailDto>();
  const [xml, setXml] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();

  useEffect(() => {
    let live = true;
    void (async () => {
      const result = await getMessage(id);
      if (!live) return;
      if (!result.ok) {
        setProblem(result.problem);
        return;
      }
      setMessage(result.data);
      setProblem(undefined);
      if (result.data.hasXml) {
        const raw = await getMessageXml(id);
        if (live && raw.ok) setXml(raw.data);
      }
    })();
    return () => {
      live = false;
    };
  }, [id]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!message) return <Spin />;

  const transactionColumns: TableColumnsType<MessageTransactionDto> = [
    { title: 'End-to-end id', dataIndex: 'endToEndId' },
    { title: 'UETR', dataIndex: 'uetr' },
    {
      title: 'Amount',
      key: 'amount',
      align: 'right',
      render: (_, t) => `${formatMinor(t.amountMinor, exponentOf(t.currency))} ${t.currency}`,
    },
    { title: 'Status', dataIndex: 'status', render: (value: string) => <Tag>{value}</Tag> },
    { title: 'Reason', dataIndex: 'reasonCode' },
    {
      title: 'Transaction',
      dataIndex: 'transactionId',
      render: (value: string | null) =>
        value ? <Link to={`/transactions/${value}`}>{value.slice(0, 8)}…</Link> : null,
    },
  ];
  const relatedColumns: TableColumnsType<MessageListItemDto> = [
    {
      title: 'Type',
      dataIndex: 'messageType',
      render: (value: string, row) => <Link to={`/iso20022/messages/${row.id}`}>{value}</Link>,
    },
    { title: 'Direction', dataIndex: 'direction' },
    { title: 'Message id', dataIndex: 'msgId' },
    { title: 'Status', dataIndex: 'status' },
    { title: 'Time', dataIndex: 'createdAt', render: (value: string) => new Date(value).toLocaleString() },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={3}>
        {message.messageType} <MessageStatusTag status={message.status} />
      </Typography.Title>
      <Card size="small" title="Group header">
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'direction', label: 'Direction', children: message.direction === 'in' ? 'inbound' : 'outbound' },
            { key: 'msgId', label: 'Message id', children: message.msgId ?? '—' },
            { key: 'biz', label: 'Business message id', children: message.businessMessageId ?? '—' },
            { key: 'created', label: 'Stored', children: new Date(message.createdAt).toLocaleString() },
            { key: 'sha', label: 'SHA-256', children: <Typography.Text code>{message.sha256}</Typography.Text> },
            { key: 'size', label: 'Size', children: `${String(message.sizeBytes)} bytes` },
            ...(message.reason ? [{ key: 'reason', label: 'Reason', children: message.reason }] : []),
          ]}
        />
      </Card>
      <Card size="small" title="Parsed view">
        <Descriptions size="small" column={1} items={summaryItems(message.summary)} />
      </Card>
      <Card size="small" title={`Transactions (${String(message.transactions.length)})`}>
        <Table<MessageTransactionDto>
          rowKey="id"
          size="small"
          columns={transactionColumns}
          dataSource={message.transactions}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
        />
      </Card>
      {message.related.length > 0 && (
        <Card size="small" title="Related messages">
          <Table<MessageListItemDto>
            rowKey="id"
            size="small"
            columns={relatedColumns}
            dataSource={message.related}
            pagination={false}
          />
        </Card>
      )}
      <Card
        size="small"
        title="Raw XML"
        extra={
          message.hasXml ? (
            <Button icon={<DownloadOutlined />} href={messageXmlUrl(message.id)} download>
              Download
            </Button>
          ) : null
        }
      >
        {message.hasXml ? (
          <pre aria-label="Raw XML" style={{ maxHeight: 480, overflow: 'auto', whiteSpace: 'pre-wrap', margin: 0 }}>
            {xml ?? ''}
          </pre>
        ) : (
          <Typography.Text type="secondary">
            The body was refused unread: only the rejection record is kept.
          </Typography.Text>
        )}
      </Card>
    </Flex>
  );
}
