import { Tag } from 'antd';
import type { ApprovalDto } from '../../api/api.dto';

const STATUS_COLOURS: Record<string, string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
  void: 'default',
};

export function ApprovalStatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLOURS[status] ?? 'default'}>{status}</Tag>;
}

/** A request's kind as people say it; unknown kinds are shown as they are. */
export function approvalKindLabel(kind: string): string {
  switch (kind) {
    case 'identity.user_roles.change':
      return 'Change of user roles';
    case 'customers.risk_matrix.activate':
      return 'New risk matrix';
    case 'monitoring.rule_set.publish':
      return 'Publication of a rule set';
    case 'monitoring.model.promote':
      return 'Promotion of a model to champion';
    default:
      return kind;
  }
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function rolesText(roles: string[]): string {
  return roles.length === 0 ? 'no role' : roles.join(', ');
}

/** One line saying what the request changes, read from its content; the drawer shows the content itself. */
export function approvalSummary(approval: ApprovalDto): string {
  const { content } = approval;
  if (approval.kind === 'identity.user_roles.change') {
    const who = typeof content.email === 'string' ? content.email : approval.subject.id;
    return `${who}: ${rolesText(stringsOf(content.fromRoles))} → ${rolesText(stringsOf(content.toRoles))}`;
  }
  return `${approval.subject.type} ${approval.subject.id}`;
}

/** Why the caller cannot approve a request, in words. */
export const REFUSAL_TEXT: Record<NonNullable<ApprovalDto['whyNot']>, string> = {
  api_key: 'Only a signed-in person can approve.',
  not_pending: 'The request is no longer pending.',
  own_request: 'You made this request: another person must approve it.',
  own_subject: 'The request is about you: another person must approve it.',
  permission_missing: 'Your roles do not grant the permission this request needs.',
  expired: 'The request has expired.',
  reauthentication_required: 'Approving asks you to confirm it is you.',
};
