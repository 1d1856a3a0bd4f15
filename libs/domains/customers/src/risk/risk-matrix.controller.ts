import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import {
  APPROVAL_REQUESTER,
  CurrentPrincipal,
  RequirePermission,
  type ApprovalRequester,
  type Principal,
} from '@domains/identity';
import {
  RiskMatrixDto,
  RiskMatrixOverviewDto,
  SaveRiskMatrixDraftDto,
  SubmittedRiskMatrixDto,
} from './risk-matrix.dto.js';
import type { RiskMatrixEntity } from './risk-matrix.entity.js';
import { RISK_MATRIX_ACTIVATION, RiskMatrixService } from './risk-matrix.service.js';

function toMatrixDto(m: RiskMatrixEntity): RiskMatrixDto {
  return {
    id: m.id,
    version: m.version,
    status: m.status,
    definition: m.definition,
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    activatedAt: m.activatedAt?.toISOString() ?? null,
    approvedBy: m.approvedBy,
    approvalRequestId: m.approvalRequestId,
  };
}

/** The risk scoring matrix: versions, the draft, and its four-eyes activation. */
@ApiTags('risk-matrix')
@Controller('v1/risk-matrix')
export class RiskMatrixController {
  constructor(
    private readonly matrices: RiskMatrixService,
    @Inject(APPROVAL_REQUESTER) private readonly approvals: ApprovalRequester,
  ) {}

  /** The active matrix, the draft (if any) with its pending approval, and every version. */
  @RequirePermission('risk_matrix:read')
  @Get()
  @ApiOkResponse({ type: RiskMatrixOverviewDto })
  async overview(@CurrentPrincipal() principal: Principal): Promise<RiskMatrixOverviewDto> {
    const tenantId = principal.tenantId;
    const versions = await this.matrices.list(tenantId);
    const active = versions.find((v) => v.status === 'active');
    if (!active) throw new Error('no active risk matrix after seeding');
    const draft = versions.find((v) => v.status === 'draft') ?? null;
    const pending = draft
      ? (await this.approvals.findPending(tenantId, RISK_MATRIX_ACTIVATION, 'risk_matrix')).find(
          (p) => p.subjectId === draft.id,
        )
      : undefined;
    return {
      active: toMatrixDto(active),
      draft: draft ? toMatrixDto(draft) : null,
      pendingApproval: pending
        ? {
            id: pending.id,
            contentHash: pending.contentHash,
            requestedBy: pending.requestedBy,
            expiresAt: pending.expiresAt.toISOString(),
          }
        : null,
      versions: versions.map(toMatrixDto),
    };
  }

  /** One version. */
  @RequirePermission('risk_matrix:read')
  @Get('versions/:version')
  @ApiOkResponse({ type: RiskMatrixDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async version(
    @CurrentPrincipal() principal: Principal,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<RiskMatrixDto> {
    return toMatrixDto(await this.matrices.getVersion(principal.tenantId, version));
  }

  /** Creates or replaces the draft (replacing voids a submitted approval of the old content). */
  @RequirePermission('risk_matrix:write')
  @Put('draft')
  @ApiOkResponse({ type: RiskMatrixDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: '`customers/risk_matrix_invalid`' })
  async saveDraft(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SaveRiskMatrixDraftDto,
  ): Promise<RiskMatrixDto> {
    return toMatrixDto(await this.matrices.saveDraft(principal, body.definition));
  }

  /**
   * Submits the draft for four-eyes approval: another person holding `risk_matrix:approve` approves it at
   * `POST /v1/approvals/{id}/approve`, which makes it active and re-rates every customer.
   */
  @RequirePermission('risk_matrix:write')
  @Post('draft/submit')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SubmittedRiskMatrixDto })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/risk_matrix_no_draft`' })
  async submit(@CurrentPrincipal() principal: Principal): Promise<SubmittedRiskMatrixDto> {
    const requested = await this.matrices.submitDraft(principal, this.approvals);
    return {
      approval: {
        id: requested.id,
        contentHash: requested.contentHash,
        requestedBy: principal.kind === 'user' ? principal.userId : '',
        expiresAt: requested.expiresAt.toISOString(),
      },
    };
  }
}
