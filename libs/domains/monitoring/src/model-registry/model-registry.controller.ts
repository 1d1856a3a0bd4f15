import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ProblemDetails } from '@platform/http';
import {
  APPROVAL_REQUESTER,
  CurrentPrincipal,
  RequirePermission,
  actorOf,
  type ApprovalRequester,
  type Principal,
} from '@domains/identity';
import { MonitoringError } from '../monitoring.errors.js';
import {
  ModelDto,
  ModelPromotionRequestedDto,
  PromoteModelDto,
  UploadModelJsonDto,
  UploadModelQueryDto,
} from './model-registry.dto.js';
import { MODEL_MAX_BYTES, ModelRegistryService } from './model-registry.service.js';
import type { ModelVersionEntity } from './model-version.entity.js';

function toDto(model: ModelVersionEntity): ModelDto {
  return {
    id: model.id,
    name: model.name,
    version: model.version,
    status: model.status,
    sizeBytes: model.sizeBytes,
    sha256: model.sha256,
    inspection: {
      kind: model.inspection.kind,
      inputs: model.inspection.inputs,
      featureNames: model.inspection.featureNames,
    },
    evaluation: model.evaluation,
    createdBy: model.createdBy,
    createdAt: model.createdAt.toISOString(),
    statusChangedAt: model.statusChangedAt.toISOString(),
    approvalRequestId: model.approvalRequestId,
  };
}

function badUpload(message: string): MonitoringError {
  return new MonitoringError('monitoring/model_upload_invalid', 'invalid', message);
}

/** The raw request body of an octet-stream upload, refusing more than the model size limit. */
async function readBody(req: Request): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MODEL_MAX_BYTES) {
      throw new MonitoringError(
        'monitoring/model_too_large',
        'too_large',
        `The model is larger than ${MODEL_MAX_BYTES} bytes`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The model registry: ONNX uploads, shadow runs, promotion to champion (four-eyes) and retirement. */
@ApiTags('models')
@Controller('v1/models')
export class ModelRegistryController {
  constructor(
    private readonly models: ModelRegistryService,
    @Inject(APPROVAL_REQUESTER) private readonly approvals: ApprovalRequester,
  ) {}

  /** Every model of the tenant, newest first. */
  @RequirePermission('rules:read')
  @Get()
  @ApiOkResponse({ type: [ModelDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<ModelDto[]> {
    return (await this.models.list(principal.tenantId)).map(toDto);
  }

  /**
   * Uploads an ONNX model: either the file itself (`application/octet-stream`, name in `?name=`) or JSON with the
   * file base64-encoded. It must take one float input `[N, F]` over the feature schema's model features; otherwise
   * 422 `monitoring/model_schema_mismatch` lists the problems and nothing is stored. Stored as `uploaded`.
   */
  @RequirePermission('rules:write')
  @Post()
  @ApiConsumes('application/json', 'application/octet-stream')
  @ApiBody({ type: UploadModelJsonDto })
  @ApiCreatedResponse({ type: ModelDto })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: '`monitoring/model_schema_mismatch`' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetails, description: '`monitoring/model_too_large`' })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Query() query: UploadModelQueryDto,
    // Not validated by the global pipe: the same route also takes a raw file (checked below, per content type).
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<ModelDto> {
    const actor = actorOf(principal);
    if (req.is('application/octet-stream')) {
      const bytes = await readBody(req);
      const name = query.name ?? 'model';
      return toDto(await this.models.upload(principal.tenantId, actor, { name, bytes }));
    }
    const json = body ?? {};
    const { name, contentBase64, evaluation } = json;
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > 100) {
      throw badUpload('name must be a string of 1 to 100 characters');
    }
    if (typeof contentBase64 !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(contentBase64)) {
      throw badUpload('contentBase64 must be the base64-encoded ONNX file');
    }
    if (
      evaluation !== undefined &&
      (typeof evaluation !== 'object' || evaluation === null || Array.isArray(evaluation))
    ) {
      throw badUpload('evaluation must be an object');
    }
    const bytes = Buffer.from(contentBase64, 'base64');
    return toDto(
      await this.models.upload(principal.tenantId, actor, {
        name,
        bytes,
        evaluation: evaluation as Record<string, unknown> | undefined,
      }),
    );
  }

  /** One model. */
  @RequirePermission('rules:read')
  @Get(':id')
  @ApiOkResponse({ type: ModelDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ModelDto> {
    return toDto(await this.models.get(principal.tenantId, id));
  }

  /** Runs the model in shadow (scored beside every decision, deciding nothing). Direct, audited. */
  @RequirePermission('rules:write')
  @Post(':id/shadow')
  @HttpCode(200)
  @ApiOkResponse({ type: ModelDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`monitoring/model_transition_invalid`' })
  async shadow(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ModelDto> {
    return toDto(await this.models.shadow(principal, id));
  }

  /**
   * Requests the model's promotion to champion. Nothing changes yet: a second person holding `rules:approve` must
   * approve the returned request; the current champion then goes to shadow or retires.
   */
  @RequirePermission('rules:write')
  @Post(':id/promote')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ModelPromotionRequestedDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`monitoring/model_transition_invalid`' })
  async promote(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PromoteModelDto,
  ): Promise<ModelPromotionRequestedDto> {
    const requested = await this.models.requestPromotion(
      principal,
      id,
      body.previousChampionTo ?? 'retired',
      this.approvals,
    );
    return {
      approvalId: requested.id,
      contentHash: requested.contentHash,
      expiresAt: requested.expiresAt.toISOString(),
    };
  }

  /** Retires a model that is not the champion. */
  @RequirePermission('rules:write')
  @Post(':id/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: ModelDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`monitoring/model_transition_invalid`' })
  async retire(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ModelDto> {
    return toDto(await this.models.retire(principal, id));
  }
}
