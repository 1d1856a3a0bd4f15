import { PendingApprovalPanel, type PendingApprovalTexts } from '../approvals/pending-approval.panel';

const TEXTS: PendingApprovalTexts = {
  waitingTitle: 'Closure requested: waiting for a second person to approve',
  waitingDescription: 'Someone else with the cases:approve permission must approve it.',
  requestedTitle: (requester, at) => `Closure requested by ${requester} on ${at.toLocaleString()}`,
  approveLabel: 'Approve closure',
  rejectLabel: 'Reject closure',
  rejectTitle: 'Reject this closure',
};

/** The pending closure approval of a case (cases:approve). */
export function CaseApprovalPanel({ approvalId, onDecided }: { approvalId: string; onDecided: () => void }) {
  return (
    <PendingApprovalPanel approvalId={approvalId} permission="cases:approve" texts={TEXTS} onDecided={onDecided} />
  );
}
