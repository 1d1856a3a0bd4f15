import { Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { AuditAnchorReceiptDto, AuditCheckpointSummaryDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';

interface HistoryState {
  loading: boolean;
  checkpoints: AuditCheckpointSummaryDto[];
  receipts: AuditAnchorReceiptDto[];
  problem?: ApiProblem;
}

const checkpointColumns: TableColumnsType<AuditCheckpointSummaryDto> = [
  { key: 'size', title: 'Tree size', dataIndex: 'size', align: 'right', width: 110 },
  {
    key: 'root',
    title: 'Root hash',
    dataIndex: 'root',
    render: (root: string) => <Typography.Text code>{root}</Typography.Text>,
  },
  {
    key: 'createdAt',
    title: 'Published',
    dataIndex: 'createdAt',
    width: 200,
    render: (createdAt: string) => new Date(createdAt).toLocaleString(),
  },
];

const receiptColumns: TableColumnsType<AuditAnchorReceiptDto> = [
  { key: 'size', title: 'Checkpoint', dataIndex: 'size', align: 'right', width: 110 },
  { key: 'kind', title: 'Anchor', dataIndex: 'kind', width: 180, render: (kind: string) => <Tag>{kind}</Tag> },
  {
    key: 'createdAt',
    title: 'Anchored',
    dataIndex: 'createdAt',
    width: 200,
    render: (createdAt: string) => new Date(createdAt).toLocaleString(),
  },
  {
    key: 'receipt',
    title: 'Receipt',
    dataIndex: 'receipt',
    // Receipts come from outside services (a TSA): shown as text, never as markup.
    render: (receipt: Record<string, unknown>) => (
      <Typography.Text code ellipsis={{ tooltip: JSON.stringify(receipt) }} style={{ maxWidth: 480 }}>
        {JSON.stringify(receipt)}
      </Typography.Text>
    ),
  },
];

/** The log's published checkpoints and the receipts of the anchors that hold them, newest first. */
export function AuditHistoryTab({ refreshKey }: { refreshKey: object }) {
  const [state, setState] = useState<HistoryState>({ loading: true, checkpoints: [], receipts: [] });

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    void Promise.all([
      callApi(() => api.GET('/v1/audit/checkpoints', { params: { query: { limit: 100 } }, signal })),
      callApi(() => api.GET('/v1/audit/anchors', { params: { query: { limit: 100 } }, signal })),
    ]).then(([checkpoints, anchors]) => {
      if (signal.aborted) return;
      setState({
        loading: false,
        checkpoints: checkpoints.ok ? checkpoints.data.checkpoints : [],
        receipts: anchors.ok ? anchors.data.receipts : [],
        problem: !checkpoints.ok ? checkpoints.problem : !anchors.ok ? anchors.problem : undefined,
      });
    });
    return () => {
      controller.abort();
    };
  }, [refreshKey]);

  return (
    <Flex vertical gap="middle">
      {state.problem !== undefined && <ProblemAlert problem={state.problem} />}
      <Card title="Checkpoints" size="small">
        <Table<AuditCheckpointSummaryDto>
          size="small"
          rowKey="size"
          columns={checkpointColumns}
          dataSource={state.checkpoints}
          loading={state.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: 'No checkpoint published yet' }}
        />
      </Card>
      <Card title="Anchor receipts" size="small">
        <Table<AuditAnchorReceiptDto>
          size="small"
          rowKey={(receipt) => `${String(receipt.size)}:${receipt.kind}`}
          columns={receiptColumns}
          dataSource={state.receipts}
          loading={state.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: 'No anchor receipts yet (anchors run as a scheduled job when configured)' }}
        />
      </Card>
    </Flex>
  );
}
