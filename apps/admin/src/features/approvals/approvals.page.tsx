import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { ApprovalDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { ApprovalDrawer } from './approval.drawer';
import { ApprovalStatusTag, approvalKindLabel, approvalSummary } from './approval-status.tag';

type Box = 'to_approve' | 'mine';

function isBox(value: string | null): value is Box {
  return value === 'to_approve' || value === 'mine';
}

interface BoxState {
  loading: boolean;
  approvals: ApprovalDto[];
  problem?: ApiProblem;
}

function useBox(box: Box, reloads: number): BoxState {
  const [state, setState] = useState<BoxState>({ loading: true, approvals: [] });
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    void callApi(() => api.GET('/v1/approvals', { params: { query: { box } }, signal: controller.signal })).then(
      (result) => {
        if (controller.signal.aborted) return;
        setState(
          result.ok
            ? { loading: false, approvals: result.data }
            : { loading: false, approvals: [], problem: result.problem },
        );
      },
    );
    return () => {
      controller.abort();
    };
  }, [box, reloads]);
  return state;
}

function ApprovalsTable({
  state,
  label,
  onOpen,
}: {
  state: BoxState;
  label: string;
  onOpen: (approval: ApprovalDto) => void;
}) {
  const columns: TableColumnsType<ApprovalDto> = [
    {
      title: 'Request',
      key: 'request',
      render: (_, approval) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => {
            onOpen(approval);
          }}
        >
          {approvalKindLabel(approval.kind)}
        </Button>
      ),
    },
    { title: 'Change', key: 'summary', render: (_, approval) => approvalSummary(approval) },
    {
      title: 'Requested by',
      key: 'requestedBy',
      render: (_, approval) => approval.requestedBy.displayName ?? approval.requestedBy.id,
    },
    { title: 'Requested', dataIndex: 'requestedAt', render: (iso: string) => new Date(iso).toLocaleString() },
    { title: 'Status', dataIndex: 'status', render: (status: string) => <ApprovalStatusTag status={status} /> },
  ];
  return (
    <Flex vertical gap="middle">
      {state.problem !== undefined && <ProblemAlert problem={state.problem} />}
      <Table<ApprovalDto>
        rowKey="id"
        size="small"
        aria-label={label}
        loading={state.loading}
        columns={columns}
        dataSource={state.approvals}
        pagination={false}
        onRow={(approval) => ({
          onDoubleClick: () => {
            onOpen(approval);
          },
        })}
      />
    </Flex>
  );
}

/** The four-eyes inbox: requests waiting for me to approve, and my own requests waiting for someone else. */
export function ApprovalsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const boxParam = searchParams.get('box');
  const box: Box = isBox(boxParam) ? boxParam : 'to_approve';
  const openedId = searchParams.get('open') ?? undefined;
  const [reloads, setReloads] = useState(0);
  const toApprove = useBox('to_approve', reloads);
  const mine = useBox('mine', reloads);

  const reload = useCallback(() => {
    setReloads((count) => count + 1);
  }, []);

  function navigate(next: { box: Box; open?: string }) {
    const params = new URLSearchParams({ box: next.box });
    if (next.open !== undefined) params.set('open', next.open);
    setSearchParams(params);
  }

  const open = (approval: ApprovalDto) => {
    navigate({ box, open: approval.id });
  };

  return (
    <Flex vertical gap="middle">
      <title>Approvals · Verity</title>
      <Flex align="center" justify="space-between" wrap gap="middle">
        <Typography.Title level={2} style={{ margin: 0 }}>
          Approvals
        </Typography.Title>
        <Button icon={<ReloadOutlined />} loading={toApprove.loading || mine.loading} onClick={reload}>
          Refresh
        </Button>
      </Flex>
      <Card size="small">
        <Tabs
          activeKey={box}
          onChange={(key) => {
            if (isBox(key)) navigate({ box: key });
          }}
          items={[
            {
              key: 'to_approve',
              label: (
                <Flex gap="small" align="center">
                  To approve
                  <Badge count={toApprove.approvals.length} showZero={false} />
                </Flex>
              ),
              children: <ApprovalsTable state={toApprove} label="Requests to approve" onOpen={open} />,
            },
            {
              key: 'mine',
              label: 'Mine waiting',
              children: <ApprovalsTable state={mine} label="My requests" onOpen={open} />,
            },
          ]}
        />
      </Card>
      <ApprovalDrawer
        approvalId={openedId}
        onClose={() => {
          navigate({ box });
        }}
        onDecided={reload}
      />
    </Flex>
  );
}
