import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { APPROVAL_STATUSES, type ApprovalStatus } from './approval-request.entity.js';
import { APPROVAL_REFUSALS, type ApprovalRefusal } from './approval.policy.js';

export const APPROVAL_BOXES = ['to_approve', 'mine', 'all'] as const;
export type ApprovalBox = (typeof APPROVAL_BOXES)[number];

/** Requests per page when `limit` is not given. */
export const APPROVALS_DEFAULT_LIMIT = 50;

export class ApprovalListQueryDto {
  /**
   * `to_approve` (default): pending, unexpired requests of others that I may decide; `mine`: requests I made; `all`:
   * every request of the tenant.
   */
  @IsOptional()
  @IsIn(APPROVAL_BOXES)
  @ApiProperty({ enum: APPROVAL_BOXES, required: false, default: 'to_approve' })
  box?: ApprovalBox;

  /** Only requests in this state. */
  @IsOptional()
  @IsIn(APPROVAL_STATUSES)
  @ApiProperty({ enum: APPROVAL_STATUSES, required: false })
  status?: ApprovalStatus;

  /** Most requests returned, newest first (default 50, at most 200). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ApproveDto {
  /** The `contentHash` of the request as the approver saw it; it must equal the stored hash. */
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'contentHash must be 64 lowercase hex digits (SHA-256)' })
  contentHash: string;
}

export class RejectDto {
  /** Why the request is rejected; the requester sees it. */
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class ApprovalPersonDto {
  id: string;
  /** Null when the user is not found (for example removed). */
  @ApiProperty({ type: String, nullable: true })
  email: string | null;
  @ApiProperty({ type: String, nullable: true })
  displayName: string | null;
}

export class ApprovalSubjectDto {
  /** e.g. `user` */
  type: string;
  id: string;
}

export class ApprovalDto {
  id: string;
  /** What kind of change, e.g. `identity.user_roles.change`. */
  kind: string;
  subject: ApprovalSubjectDto;
  /** Exactly what is to be approved (for a role change: `{ userId, email, fromRoles, toRoles }`). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  content: Record<string, unknown>;
  /** SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of `content`: send it back to approve. */
  contentHash: string;
  requestedBy: ApprovalPersonDto;
  @ApiProperty({ type: String, format: 'date-time' })
  requestedAt: string;
  /** The permission the approver must hold. */
  requiredPermission: string;
  @ApiProperty({ enum: APPROVAL_STATUSES })
  status: ApprovalStatus;
  @ApiProperty({ type: ApprovalPersonDto, nullable: true })
  decidedBy: ApprovalPersonDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt: string | null;
  /**
   * The rejecter's reason, or why the request was voided (`content_changed`, `superseded`, `expired`,
   * `requester_disabled`).
   */
  @ApiProperty({ type: String, nullable: true })
  decisionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
  /** Whether the caller may approve it right now. */
  mayApprove: boolean;
  /**
   * Why not, when `mayApprove` is false: `api_key`, `not_pending`, `own_request`, `own_subject`, `permission_missing`,
   * `expired`, or `reauthentication_required` (re-authenticate, then approve).
   */
  @ApiProperty({ enum: APPROVAL_REFUSALS, nullable: true })
  whyNot: ApprovalRefusal | null;
}
