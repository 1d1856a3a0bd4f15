import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, UserAdminService, type Principal } from '@domains/identity';
import type { ApprovalRequestEntity } from './approval-request.entity.js';
import { APPROVALS_DEFAULT_LIMIT, ApprovalDto, ApprovalListQueryDto, ApproveDto, RejectDto } from './approval.dto.js';
import { ApprovalService, type ApprovalView } from './approval.service.js';

type People = Map<string, { email: string; displayName: string }>;

function person(id: string, people: People): ApprovalDto['requestedBy'] {
  const found = people.get(id);
  return { id, email: found?.email ?? null, displayName: found?.displayName ?? null };
}

function toDto(view: ApprovalView, people: People): ApprovalDto {
  const r: ApprovalRequestEntity = view.request;
  return {
    id: r.id,
    kind: r.kind,
    subject: { type: r.subjectType, id: r.subjectId },
    content: { ...r.content },
    contentHash: r.contentHash,
    requestedBy: person(r.requestedBy, people),
    requestedAt: r.requestedAt.toISOString(),
    requiredPermission: r.requiredPermission,
    status: r.status,
    decidedBy: r.decidedBy ? person(r.decidedBy, people) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionReason: r.decisionReason,
    expiresAt: r.expiresAt.toISOString(),
    mayApprove: view.mayApprove,
    whyNot: view.refusal,
  };
}

/** The four-eyes inbox: requests to approve, one's own requests, and the decisions on them. */
@ApiTags('approvals')
@Controller('v1/approvals')
export class ApprovalController {
  constructor(
    private readonly approvals: ApprovalService,
    private readonly users: UserAdminService,
  ) {}

  /** Requests of the caller's tenant, newest first: `box=to_approve` (default), `mine` or `all`. */
  @RequirePermission('approvals:read')
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: [ApprovalDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ApprovalListQueryDto): Promise<ApprovalDto[]> {
    const views = await this.approvals.list(principal, {
      box: query.box ?? 'to_approve',
      status: query.status,
      limit: query.limit ?? APPROVALS_DEFAULT_LIMIT,
    });
    return this.toDtos(principal, views);
  }

  /** One request: its exact content and hash, who asked, its state, and whether the caller may approve it now. */
  @RequirePermission('approvals:read')
  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ApprovalDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApprovalDto> {
    const [dto] = await this.toDtos(principal, [await this.approvals.get(principal, id)]);
    return dto;
  }

  /**
   * Approves the request and applies the change at once. The approver must be another person than the requester
   * (and than the change's subject), hold the request's permission, have signed in or re-authenticated within the
   * last few minutes, and send the `contentHash` they saw. If the change no longer matches the current state, the
   * request becomes void (409 `approvals/content_changed`) and nothing is applied.
   */
  @RequirePermission('approvals:decide')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ApprovalDto })
  @ApiForbiddenResponse({
    type: ProblemDetails,
    description: [
      '`approvals/self_approval`',
      '`approvals/permission_missing`',
      '`approvals/reauthentication_required`',
      '`approvals/people_only`',
    ].join(', '),
  })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({
    type: ProblemDetails,
    description: [
      '`approvals/already_decided`',
      '`approvals/content_hash_mismatch`',
      '`approvals/content_changed`',
      '`approvals/requester_disabled`',
      '`approvals/expired`',
    ].join(', '),
  })
  async approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApproveDto,
  ): Promise<ApprovalDto> {
    const approved = await this.approvals.approve(principal, id, body.contentHash);
    return this.decided(principal, approved);
  }

  /** Rejects the request with a reason. Anyone who could approve it may reject it (no re-authentication needed). */
  @RequirePermission('approvals:decide')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ApprovalDto })
  @ApiForbiddenResponse({ type: ProblemDetails })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`approvals/already_decided`' })
  async reject(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectDto,
  ): Promise<ApprovalDto> {
    return this.decided(principal, await this.approvals.reject(principal, id, body.reason.trim()));
  }

  /** The requester takes back their pending request. */
  @RequirePermission('approvals:decide')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ApprovalDto })
  @ApiForbiddenResponse({ type: ProblemDetails, description: '`approvals/not_requester`' })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`approvals/already_decided`' })
  async withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ApprovalDto> {
    return this.decided(principal, await this.approvals.withdraw(principal, id));
  }

  private async decided(principal: Principal, request: ApprovalRequestEntity): Promise<ApprovalDto> {
    const [dto] = await this.toDtos(principal, [{ request, mayApprove: false, refusal: 'not_pending' }]);
    return dto;
  }

  private async toDtos(principal: Principal, views: readonly ApprovalView[]): Promise<ApprovalDto[]> {
    const ids = views.flatMap((v) => [v.request.requestedBy, ...(v.request.decidedBy ? [v.request.decidedBy] : [])]);
    const people = await this.users.describe(principal.tenantId, ids);
    return views.map((v) => toDto(v, people));
  }
}
