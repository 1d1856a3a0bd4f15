import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Space, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ApprovalDto } from '../../api/api.dto';
import { callApi, callApiWithoutContent } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { rolesGrant } from '../../app/app.permissions';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import type { UiPermission } from '../../app/app.permissions';
import { ReauthenticateModal } from '../auth/reauthenticate.modal';
import { ApprovalRejectModal } from './approval-reject.modal';
import { REFUSAL_TEXT } from './approval-status.tag';

/** The api's answer when the approver has not re-authenticated recently enough. */
const REAUTHENTICATION_REQUIRED = 'approvals/reauthentication_required';

/** What the panel says about the change being approved (a case's closure, a report, …). */
export interface PendingApprovalTexts {
  /** Shown to the requester while it waits. */
  waitingTitle: string;
  waitingDescription: string;
  /** Shown to the others: who asked and when. */
  requestedTitle: (requester: string, requestedAt: Date) => string;
  approveLabel: string;
  rejectLabel: string;
  rejectTitle: string;
}

interface PendingApprovalPanelProps {
  approvalId: string;
  /** The permission an approver of this kind of request holds (the api checks it; the UI only hides the buttons). */
  permission: UiPermission;
  texts: PendingApprovalTexts;
  /** The approval was decided (approved or rejected): its subject changed. */
  onDecided: () => void;
}

/**
 * A pending four-eyes approval shown beside its subject. Its requester sees that it waits for a second person; someone
 * else holding `permission` approves (sending back the content hash they saw, re-authenticating when asked) or
 * rejects it with a reason.
 */
export function PendingApprovalPanel({ approvalId, permission, texts, onDecided }: PendingApprovalPanelProps) {
  const session = useSession();
  const [approval, setApproval] = useState<ApprovalDto>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState<'approve' | 'reject'>();
  const [reauthenticating, setReauthenticating] = useState(false);
  const [rejecting, setRejecting] = useState(false);

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

  async function reject(reason: string) {
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
    rolesGrant(session.user.roles, permission) &&
    (approval.mayApprove || approval.whyNot === 'reauthentication_required');
  const requester = approval.requestedBy.displayName ?? approval.requestedBy.id;

  return (
    <Flex vertical gap="small">
      {problem !== undefined && <ProblemAlert problem={problem} />}
      {approval.status !== 'pending' ? null : mine ? (
        <Alert type="info" showIcon title={texts.waitingTitle} description={texts.waitingDescription} />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={texts.requestedTitle(requester, new Date(approval.requestedAt))}
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
                  {texts.rejectLabel}
                </Button>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={busy === 'approve'}
                  onClick={() => void approve()}
                >
                  {texts.approveLabel}
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
      <ApprovalRejectModal
        open={rejecting}
        title={texts.rejectTitle}
        busy={busy === 'reject'}
        onReject={(reason) => void reject(reason)}
        onCancel={() => setRejecting(false)}
      />
    </Flex>
  );
}
