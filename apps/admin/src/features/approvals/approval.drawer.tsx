import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Flex, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ApprovalDto } from '../../api/api.dto';
import { callApi, callApiWithoutContent } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ReauthenticateModal } from '../auth/reauthenticate.modal';
import { ProblemAlert } from '../../shared/problem-alert';
import { ApprovalRejectModal } from './approval-reject.modal';
import { ApprovalStatusTag, REFUSAL_TEXT, approvalKindLabel, approvalSummary } from './approval-status.tag';

/** The api's answer when the approver has not re-authenticated recently enough. */
const REAUTHENTICATION_REQUIRED = 'approvals/reauthentication_required';

interface ApprovalDrawerProps {
  approvalId?: string;
  onClose: () => void;
  /** The request was approved, rejected or withdrawn. */
  onDecided: () => void;
}

type Loaded =
  { status: 'loading' } | { status: 'ready'; approval: ApprovalDto } | { status: 'failed'; problem: ApiProblem };

/**
 * One approval request with exactly what is to be approved and the hash that binds it. Approving sends that hash
 * back, so an approval of content that changed since it was shown is refused by the server.
 */
export function ApprovalDrawer({ approvalId, onClose, onDecided }: ApprovalDrawerProps) {
  const session = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState<'approve' | 'reject' | 'withdraw'>();
  const [reauthenticating, setReauthenticating] = useState(false);
  const [rejecting, setRejecting] = useState(false);

  const load = useCallback(async (id: string) => {
    setLoaded({ status: 'loading' });
    const result = await callApi(() => api.GET('/v1/approvals/{id}', { params: { path: { id } } }));
    setLoaded(result.ok ? { status: 'ready', approval: result.data } : { status: 'failed', problem: result.problem });
  }, []);

  useEffect(() => {
    setProblem(undefined);
    if (approvalId !== undefined) void load(approvalId);
  }, [approvalId, load]);

  const approval = loaded.status === 'ready' ? loaded.approval : undefined;

  async function finish(failure: ApiProblem | undefined) {
    setBusy(undefined);
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    if (approval !== undefined) await load(approval.id);
    onDecided();
  }

  async function approve() {
    if (approval === undefined) return;
    setBusy('approve');
    setProblem(undefined);
    const failure = await callApiWithoutContent(() =>
      api.POST('/v1/approvals/{id}/approve', {
        params: { path: { id: approval.id } },
        body: { contentHash: approval.contentHash },
      }),
    );
    if (failure?.code === REAUTHENTICATION_REQUIRED) {
      // Not an error to show: ask who they are, then approve again.
      setBusy(undefined);
      setReauthenticating(true);
      return;
    }
    await finish(failure);
  }

  async function reject(reason: string) {
    if (approval === undefined) return;
    setBusy('reject');
    setProblem(undefined);
    const failure = await callApiWithoutContent(() =>
      api.POST('/v1/approvals/{id}/reject', { params: { path: { id: approval.id } }, body: { reason } }),
    );
    if (failure === undefined) setRejecting(false);
    await finish(failure);
  }

  async function withdraw() {
    if (approval === undefined) return;
    setBusy('withdraw');
    setProblem(undefined);
    const failure = await callApiWithoutContent(() =>
      api.POST('/v1/approvals/{id}/withdraw', { params: { path: { id: approval.id } } }),
    );
    await finish(failure);
  }

  const pending = approval?.status === 'pending';
  const mine = approval?.requestedBy.id === session.user.id;
  // Re-authentication is asked for when approving, so it does not hide the button.
  const mayApprove = approval?.mayApprove === true || approval?.whyNot === 'reauthentication_required';
  const canDecide = rolesGrant(session.user.roles, 'approvals:decide');

  return (
    <Drawer
      open={approvalId !== undefined}
      onClose={onClose}
      size="large"
      title={approval === undefined ? 'Approval request' : approvalKindLabel(approval.kind)}
      extra={
        pending && (
          <Flex gap="small">
            {mine ? (
              <Button icon={<RollbackOutlined />} loading={busy === 'withdraw'} onClick={() => void withdraw()}>
                Withdraw
              </Button>
            ) : (
              canDecide && (
                <>
                  <Button
                    danger
                    icon={<CloseOutlined />}
                    disabled={busy !== undefined}
                    onClick={() => {
                      setRejecting(true);
                    }}
                  >
                    Reject
                  </Button>
                  {mayApprove && (
                    <Button
                      type="primary"
                      icon={<CheckOutlined />}
                      loading={busy === 'approve'}
                      onClick={() => void approve()}
                    >
                      Approve
                    </Button>
                  )}
                </>
              )
            )}
          </Flex>
        )
      }
    >
      {loaded.status === 'loading' && <Spin />}
      {loaded.status === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {approval !== undefined && (
        <Flex vertical gap="middle">
          {problem !== undefined && <ProblemAlert problem={problem} />}
          {pending && mine && <Alert type="info" showIcon title="Waiting for another person to approve your request" />}
          {pending && !mine && !mayApprove && approval.whyNot !== null && (
            <Alert type="warning" showIcon title={REFUSAL_TEXT[approval.whyNot]} />
          )}
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'status', label: 'Status', children: <ApprovalStatusTag status={approval.status} /> },
              { key: 'summary', label: 'Change', children: approvalSummary(approval) },
              {
                key: 'requested',
                label: 'Requested by',
                children: `${approval.requestedBy.displayName ?? approval.requestedBy.id} · ${new Date(approval.requestedAt).toLocaleString()}`,
              },
              {
                key: 'permission',
                label: 'Approver needs',
                children: <Typography.Text code>{approval.requiredPermission}</Typography.Text>,
              },
              { key: 'expires', label: 'Expires', children: new Date(approval.expiresAt).toLocaleString() },
              ...(approval.decidedAt === null
                ? []
                : [
                    {
                      key: 'decided',
                      label: 'Decided',
                      children: `${approval.decidedBy?.displayName ?? approval.decidedBy?.id ?? '—'} · ${new Date(approval.decidedAt).toLocaleString()}`,
                    },
                  ]),
              ...(approval.decisionReason === null
                ? []
                : [{ key: 'reason', label: 'Reason', children: approval.decisionReason }]),
            ]}
          />
          <div>
            <Typography.Title level={5}>Exact content to approve</Typography.Title>
            <pre
              aria-label="Content to approve"
              style={{ margin: 0, padding: 12, overflow: 'auto', background: 'rgba(0, 0, 0, 0.04)', borderRadius: 6 }}
            >
              {JSON.stringify(approval.content, null, 2)}
            </pre>
          </div>
          <div>
            <Typography.Text type="secondary">Content hash (SHA-256 of the canonical JSON)</Typography.Text>
            <Typography.Paragraph code copyable aria-label="Content hash" style={{ wordBreak: 'break-all' }}>
              {approval.contentHash}
            </Typography.Paragraph>
          </div>
        </Flex>
      )}
      <ReauthenticateModal
        open={reauthenticating}
        reason="Approving needs you to confirm it is you (at most every 5 minutes)."
        onCancel={() => {
          setReauthenticating(false);
        }}
        onConfirmed={() => {
          setReauthenticating(false);
          void approve();
        }}
      />
      <ApprovalRejectModal
        open={rejecting}
        title="Reject this request"
        busy={busy === 'reject'}
        onReject={(reason) => void reject(reason)}
        onCancel={() => {
          setRejecting(false);
        }}
      />
    </Drawer>
  );
}
