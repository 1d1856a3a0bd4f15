import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import {
  APPROVAL_REQUESTER,
  CurrentPrincipal,
  RequirePermission,
  type ApprovalRequester,
  type PendingApproval,
  type Principal,
} from '@domains/identity';
import { FEATURES } from '../feature/feature.schema.js';
import { diffRuleSets } from '../rules/rule-set.differ.js';
import {
  CreateRuleSetDto,
  DryRunResultDto,
  DryRunRuleSetDto,
  RuleFactDto,
  RuleSetDiffDto,
  RuleSetDto,
  RuleSetSubmittedDto,
  UpdateRuleSetDto,
} from './rule-set.dto.js';
import type { RuleSetVersionEntity } from './rule-set-version.entity.js';
import { RuleSetService } from './rule-set.service.js';

function toDto(ruleSet: RuleSetVersionEntity, pending: PendingApproval | null = null): RuleSetDto {
  return {
    id: ruleSet.id,
    name: ruleSet.name,
    version: ruleSet.version,
    status: ruleSet.status,
    document: ruleSet.document as unknown as Record<string, unknown>,
    contentHash: ruleSet.contentHash,
    createdBy: ruleSet.createdBy,
    createdAt: ruleSet.createdAt.toISOString(),
    updatedAt: ruleSet.updatedAt.toISOString(),
    publishedAt: ruleSet.publishedAt?.toISOString() ?? null,
    retiredAt: ruleSet.retiredAt?.toISOString() ?? null,
    approvalRequestId: ruleSet.approvalRequestId,
    pendingApproval: pending
      ? {
          id: pending.id,
          contentHash: pending.contentHash,
          requestedBy: pending.requestedBy,
          requestedAt: pending.requestedAt.toISOString(),
          expiresAt: pending.expiresAt.toISOString(),
        }
      : null,
  };
}

const INVALID =
  '`monitoring/rule_set_invalid`: `errors` lists each problem with its `field` (the path in the document)';

/** Monitoring rule sets: drafts, validation, diff, dry runs, and publication through four-eyes approval. */
@ApiTags('rule-sets')
@Controller('v1/rule-sets')
export class RuleSetController {
  constructor(
    private readonly ruleSets: RuleSetService,
    @Inject(APPROVAL_REQUESTER) private readonly approvals: ApprovalRequester,
  ) {}

  /** Every version of the tenant's rule set, newest first. */
  @RequirePermission('rules:read')
  @Get()
  @ApiOkResponse({ type: [RuleSetDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<RuleSetDto[]> {
    return (await this.ruleSets.list(principal.tenantId)).map((r) => toDto(r));
  }

  /** Creates a draft (the next version). The document is validated first; nothing is stored when it is invalid. */
  @RequirePermission('rules:write')
  @Post()
  @ApiCreatedResponse({ type: RuleSetDto })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: INVALID })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRuleSetDto): Promise<RuleSetDto> {
    return toDto(await this.ruleSets.create(principal, body));
  }

  /** The facts rules may use (the feature schema), for editors. */
  @RequirePermission('rules:read')
  @Get('facts')
  @ApiOkResponse({ type: [RuleFactDto] })
  facts(): RuleFactDto[] {
    return FEATURES.map((f) => ({ name: f.name, kind: f.kind, description: f.description, formula: f.formula }));
  }

  /** One version, with its pending approval request if it waits for one. */
  @RequirePermission('rules:read')
  @Get(':id')
  @ApiOkResponse({ type: RuleSetDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<RuleSetDto> {
    const view = await this.ruleSets.get(principal.tenantId, id, this.approvals);
    return toDto(view.ruleSet, view.pendingApproval);
  }

  /**
   * Replaces a draft's document (validated as on creation). A version pending approval returns to draft: the open
   * request can then no longer be approved.
   */
  @RequirePermission('rules:write')
  @Put(':id')
  @ApiOkResponse({ type: RuleSetDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`monitoring/rule_set_not_editable`' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: INVALID })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRuleSetDto,
  ): Promise<RuleSetDto> {
    return toDto(await this.ruleSets.update(principal, id, body));
  }

  /** What this version changes against the published one (every rule is "added" when none is published). */
  @RequirePermission('rules:read')
  @Get(':id/diff')
  @ApiOkResponse({ type: RuleSetDiffDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async diff(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RuleSetDiffDto> {
    const { draft, published } = await this.ruleSets.comparePublished(principal.tenantId, id);
    const diff = diffRuleSets(published?.document ?? null, draft.document);
    return {
      publishedId: published?.id ?? null,
      publishedVersion: published?.version ?? null,
      version: draft.version,
      publishedDocument: (published?.document as unknown as Record<string, unknown> | undefined) ?? null,
      document: draft.document as unknown as Record<string, unknown>,
      added: diff.added,
      removed: diff.removed,
      changed: diff.changed.map((c) => ({
        name: c.name,
        fields: c.fields,
        before: c.before as unknown as Record<string, unknown>,
        after: c.after as unknown as Record<string, unknown>,
      })),
      unchanged: diff.unchanged,
      thresholds: diff.thresholds,
      delta: (diff.delta as Record<string, unknown> | undefined) ?? null,
    };
  }

  /**
   * Evaluates this version on fact samples or on stored transactions (their stored features and model score): the
   * fired rules, combined score and decision of each, as the real-time path would decide with this version.
   */
  @RequirePermission('rules:write')
  @Post(':id/dry-run')
  @HttpCode(200)
  @ApiOkResponse({ type: [DryRunResultDto] })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async dryRun(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DryRunRuleSetDto,
  ): Promise<DryRunResultDto[]> {
    return this.ruleSets.dryRun(principal.tenantId, id, body);
  }

  /**
   * Submits the draft for publication. Nothing changes yet: a second person holding `rules:approve` must approve
   * the returned request; on approval this version is published and the previous one retires.
   */
  @RequirePermission('rules:write')
  @Post(':id/submit')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RuleSetSubmittedDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`monitoring/rule_set_not_editable`' })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RuleSetSubmittedDto> {
    const requested = await this.ruleSets.submit(principal, id, this.approvals);
    return {
      approvalId: requested.id,
      contentHash: requested.contentHash,
      expiresAt: requested.expiresAt.toISOString(),
    };
  }
}
