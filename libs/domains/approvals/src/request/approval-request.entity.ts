import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ApprovalContent } from '@domains/identity';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'void'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * A maker-checker request: one person asks for a change, a different person holding `required_permission` approves
 * exactly `content` (bound by `content_hash`), and the change is applied in the approval's transaction.
 */
@Entity({ name: 'approval_requests' })
@Check('CHK_approval_requests_status', `"status" IN ('pending', 'approved', 'rejected', 'withdrawn', 'void')`)
@Check('CHK_approval_requests_content_hash', `"content_hash" ~ '^[0-9a-f]{64}$'`)
@Index('approval_requests_tenant_requested', ['tenantId', 'requestedAt'])
@Index('approval_requests_one_pending', ['tenantId', 'kind', 'subjectType', 'subjectId'], {
  unique: true,
  where: `"status" = 'pending'`,
})
export class ApprovalRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** What kind of change, e.g. `identity.user_roles.change`; selects the handler that checks and applies it. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  /** Exactly what is to be approved. */
  @Column({ type: 'jsonb' })
  content: ApprovalContent;

  /** Lowercase hex SHA-256 of the RFC 8785 canonical JSON of `content`. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  /** The permission the approver must hold (from identity.permissions.ts). */
  @Column({ name: 'required_permission', type: 'text' })
  requiredPermission: string;

  @Column({ type: 'text', default: 'pending' })
  status: ApprovalStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /**
   * Why it was rejected (the rejecter's words) or voided (`content_changed`, `superseded`, `expired`,
   * `requester_disabled`).
   */
  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** After this a pending request can no longer be approved. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
