import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Space, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ApprovalDto } from '../../api/api.dto';
import { callApi, callApiWithoutContent } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { REFUSAL_TEXT } from '../approvals/approval-status.tag';
import { ReauthenticateModal } from '../auth/reauthenticate.modal';

/** The api's answer when the approver has not re-authenticated recently enough. */
const REAUTHENTICATION_REQUIRED = 'approvals/reauthentication_required';

interface ReportApprovalPanelProps {
  approvalId: string;
  /** The approval was decided (approved or rejected): the report changed. */
  onDecided: () => void;
}

/**
 * The pending approval of a report. Its drafter sees that it waits for a second officer; another officer with
 * reports:approve approves (sending back the content hash they saw, re-authenticating when asked) or rejects it.
 */
export function ReportApprovalPanel({ approvalId, onDecided }: ReportApprovalPanelProps) {
  const session = useSession();
  const [approval, setApproval] = useState<ApprovalDto>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState<'approve' | 'reject'>();
  const [reauthenticating, setReauthenticating] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [rejectForm] = Form.useForm<{ reason: string }>();

  const load = useCallback(async () => {
    const result = await callApi(() => api.GET('/v1/approvals/{id}', { params: { path: { id: approvalId } } }));
    if (result.ok) setApproval(result.data);
    else setProblem(result.problem);
  }, [approvalId]);

  useEffect(() => {
    void load();
  }, [load]);

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
    setBusy(undefined);
    if (failure?.code === REAUTHENTICATION_REQUIRED) {
      setReauthenticating(true);
      return;
    }
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    onDecided();
  }

  async function reject({ reason }: { reason: string }) {
    if (approval === undefined) return;
    setBusy('reject');
    setProblem(undefined);
    const failure = await callApiWithoutContent(() =>
      api.POST('/v1/approvals/{id}/reject', { params: { path: { id: approval.id } }, body: { reason } }),
    );
    setBusy(undefined);
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    setRejecting(false);
    onDecided();
  }

  if (approval === undefined) return problem ? <ProblemAlert problem={problem} /> : <Spin />;
  const mine = approval.requestedBy.id === session.user.id;
  const mayApprove =
    rolesGrant(session.user.roles, 'reports:approve') &&
    (approval.mayApprove || approval.whyNot === 'reauthentication_required');
  const requester = approval.requestedBy.displayName ?? approval.requestedBy.id;

  return (
    <Flex vertical gap="small">
      {problem !== undefined && <ProblemAlert problem={problem} />}
      {approval.status !== 'pending' ? null : mine ? (
        <Alert
          type="info"
          showIcon
          title="Report submitted: waiting for a second officer to approve"
          description="Another compliance officer (reports:approve) must approve it; approving generates every format."
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={`Submitted for approval by ${requester} on ${new Date(approval.requestedAt).toLocaleString()}`}
          description={
            !mayApprove && approval.whyNot !== null && approval.whyNot !== 'reauthentication_required'
              ? REFUSAL_TEXT[approval.whyNot]
              : undefined
          }
          action={
            mayApprove && (
              <Space>
                <Button
                  danger
                  icon={<CloseOutlined />}
                  disabled={busy !== undefined}
                  onClick={() => setRejecting(true)}
                >
                  Reject report
                </Button>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={busy === 'approve'}
                  onClick={() => void approve()}
                >
                  Approve report
                </Button>
              </Space>
            )
          }
        />
      )}
      <ReauthenticateModal
        open={reauthenticating}
        reason="Approving needs you to confirm it is you (at most every 5 minutes)."
        onCancel={() => setReauthenticating(false)}
        onConfirmed={() => {
          setReauthenticating(false);
          void approve();
        }}
      />
      <Modal
        open={rejecting}
        title="Reject this report"
        okText="Reject"
        okButtonProps={{ danger: true, loading: busy === 'reject' }}
        onOk={() => rejectForm.submit()}
        onCancel={() => setRejecting(false)}
        destroyOnHidden
      >
        <Form form={rejectForm} name="reject-report" layout="vertical" onFinish={(values) => void reject(values)}>
          <Form.Item
            label="Reason"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: 'Say why, for the requester and the audit trail' },
              { max: 1000, message: 'At most 1000 characters' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
