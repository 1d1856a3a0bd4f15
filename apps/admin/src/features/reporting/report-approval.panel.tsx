import { PendingApprovalPanel, type PendingApprovalTexts } from '../approvals/pending-approval.panel';

const TEXTS: PendingApprovalTexts = {
  waitingTitle: 'Report submitted: waiting for a second officer to approve',
  waitingDescription: 'Another compliance officer (reports:approve) must approve it; approving generates every format.',
  requestedTitle: (requester, at) => `Submitted for approval by ${requester} on ${at.toLocaleString()}`,
  approveLabel: 'Approve report',
  rejectLabel: 'Reject report',
  rejectTitle: 'Reject this report',
};

/** The pending approval of a report (reports:approve): generating every format happens on approval. */
export function ReportApprovalPanel({ approvalId, onDecided }: { approvalId: string; onDecided: () => void }) {
  return (
    <PendingApprovalPanel approvalId={approvalId} permission="reports:approve" texts={TEXTS} onDecided={onDecided} />
  );
}
