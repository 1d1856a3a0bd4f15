import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import type { ApprovalContent, ApprovalRequester, Principal, RequestedApproval } from '@domains/identity';
import { actorOf } from '@domains/identity';
import { inspectModel, type ModelInspection as ModelInspectionReport } from '../model/onnx-model.parser.js';
import { MonitoringError } from '../monitoring.errors.js';
import type { ModelStatus, ModelVersionEntity } from './model-version.entity.js';
import { ModelVersionRepository } from './model-version.repository.js';

/** The approval kind of making a model the champion; approvals' ModelPromotionHandler applies it. */
export const MODEL_PROMOTE = 'monitoring.model.promote';

/** Uploads above this size are refused (the default tree ensemble is a few hundred kB). */
export const MODEL_MAX_BYTES = 8 * 1024 * 1024;

/** What a second person approves when a model becomes the champion. */
export interface ModelPromotionContent extends ApprovalContent {
  readonly modelId: string;
  readonly name: string;
  readonly version: number;
  readonly sha256: string;
  /** The champion it replaces, null when there is none. */
  readonly previousChampionId: string | null;
  /** What the previous champion becomes. */
  readonly previousChampionTo: 'shadow' | 'retired';
}

export interface ModelUpload {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly evaluation?: Record<string, unknown> | null;
}

function notFound(): MonitoringError {
  return new MonitoringError('monitoring/not_found', 'not_found', 'No such model in your tenant');
}

function transitionInvalid(message: string): MonitoringError {
  return new MonitoringError('monitoring/model_transition_invalid', 'conflict', message);
}

/**
 * The model registry: ONNX uploads checked against the feature schema, shadow runs (direct), promotion to champion
 * (four-eyes, applied by the approvals domain) and retirement. At most one champion per tenant.
 */
@Injectable()
export class ModelRegistryService {
  constructor(
    private readonly models: ModelVersionRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  list(tenantId: string): Promise<ModelVersionEntity[]> {
    return this.transactions.run((tx) => this.models.list(tx, tenantId), { tenantId });
  }

  async get(tenantId: string, id: string): Promise<ModelVersionEntity> {
    const model = await this.transactions.run((tx) => this.models.findById(tx, tenantId, id), { tenantId });
    if (!model) throw notFound();
    return model;
  }

  /** Checks and stores an ONNX model as `uploaded`; a model that does not fit the feature schema is refused (422). */
  async upload(tenantId: string, actor: AuditActor, upload: ModelUpload): Promise<ModelVersionEntity> {
    if (upload.bytes.byteLength > MODEL_MAX_BYTES) {
      throw new MonitoringError(
        'monitoring/model_too_large',
        'too_large',
        `The model is ${upload.bytes.byteLength} bytes; at most ${MODEL_MAX_BYTES} are accepted`,
      );
    }
    let inspection: ModelInspectionReport;
    try {
      inspection = inspectModel(upload.bytes);
    } catch (error) {
      inspection = {
        kind: 'unknown',
        inputs: [],
        outputs: [],
        featureNames: null,
        operators: [],
        attribution: null,
        problems: [`not a readable ONNX model: ${(error as Error).message}`],
      };
    }
    if (inspection.problems.length > 0 || inspection.kind === 'unknown') {
      throw new MonitoringError(
        'monitoring/model_schema_mismatch',
        'unprocessable',
        `The model does not fit the feature schema: ${inspection.problems.join('; ') || 'unknown model kind'}`,
        { errors: inspection.problems.map((message) => ({ field: 'model', message })) },
      );
    }
    const kind = inspection.kind;
    const report = inspection;
    const bytes = Buffer.from(upload.bytes.buffer, upload.bytes.byteOffset, upload.bytes.byteLength);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.transactions.run(
      async (tx) => {
        const model = await this.models.insert(tx, {
          tenantId,
          name: upload.name.trim(),
          bytes,
          sizeBytes: bytes.byteLength,
          sha256,
          inspection: {
            kind,
            inputs: report.inputs,
            outputs: report.outputs,
            featureNames: report.featureNames,
          },
          evaluation: upload.evaluation ?? null,
          createdBy: actor.type === 'user' ? actor.id : null,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'monitoring.model.uploaded',
          subject: { type: 'model', id: model.id },
          payload: { name: model.name, version: model.version, sha256, sizeBytes: bytes.byteLength, kind },
        });
        return model;
      },
      { tenantId },
    );
  }

  /** Runs the model in shadow: scored beside every decision, deciding nothing. Direct (no approval), audited. */
  shadow(principal: Principal, id: string): Promise<ModelVersionEntity> {
    return this.transition(principal, id, 'shadow', ['uploaded', 'retired'], 'monitoring.model.shadowed');
  }

  /** Retires a model that is not the champion (promote another model to replace a champion). */
  retire(principal: Principal, id: string): Promise<ModelVersionEntity> {
    return this.transition(principal, id, 'retired', ['uploaded', 'shadow'], 'monitoring.model.retired');
  }

  /** Requests the model's promotion to champion; a second person holding `rules:approve` applies it. */
  async requestPromotion(
    principal: Principal,
    id: string,
    previousChampionTo: 'shadow' | 'retired',
    requester: ApprovalRequester,
  ): Promise<RequestedApproval> {
    if (principal.kind !== 'user') {
      throw new MonitoringError(
        'monitoring/model_transition_invalid',
        'forbidden',
        'Only a person can request a promotion',
      );
    }
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const content = await this.currentPromotionContent(tx, tenantId, id, previousChampionTo);
        if (!content) {
          const model = await this.models.findById(tx, tenantId, id);
          if (!model) throw notFound();
          throw transitionInvalid(`The model is ${model.status}: only uploaded or shadow models can be promoted`);
        }
        const requested = await requester.request(tx, {
          tenantId,
          kind: MODEL_PROMOTE,
          subject: { type: 'model', id },
          content,
          requestedBy: principal.userId,
          requiredPermission: 'rules:approve',
        });
        await this.models.setStatus(tx, tenantId, id, { approvalRequestId: requested.id });
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'monitoring.model.promotion_requested',
          subject: { type: 'model', id },
          payload: { ...content, approvalRequestId: requested.id },
        });
        return requested;
      },
      { tenantId },
    );
  }

  /** The promotion as it would be now (model and champion locked); null when the model can no longer be promoted. */
  async currentPromotionContent(
    tx: Tx,
    tenantId: string,
    id: string,
    previousChampionTo: 'shadow' | 'retired',
  ): Promise<ModelPromotionContent | null> {
    const model = await this.models.findByIdForUpdate(tx, tenantId, id);
    if (!model || (model.status !== 'uploaded' && model.status !== 'shadow')) return null;
    const champion = await this.models.findChampionForUpdate(tx, tenantId);
    return {
      modelId: model.id,
      name: model.name,
      version: model.version,
      sha256: model.sha256,
      previousChampionId: champion?.id ?? null,
      previousChampionTo,
    };
  }

  /** Makes the model the champion; the previous one goes to shadow or retires. In the caller's transaction. */
  async applyPromotion(
    tx: Tx,
    tenantId: string,
    content: ModelPromotionContent,
    actor: AuditActor,
    approval: { approvalRequestId: string | null; requestedBy: string | null },
  ): Promise<void> {
    const champion = await this.models.findChampionForUpdate(tx, tenantId);
    if (champion && champion.id !== content.modelId) {
      await this.models.setStatus(tx, tenantId, champion.id, { status: content.previousChampionTo });
      await this.ledger.record(tx, {
        tenantId,
        actor,
        action: content.previousChampionTo === 'shadow' ? 'monitoring.model.shadowed' : 'monitoring.model.retired',
        subject: { type: 'model', id: champion.id },
        payload: { name: champion.name, version: champion.version, from: 'champion', replacedBy: content.modelId },
      });
    }
    await this.models.setStatus(tx, tenantId, content.modelId, {
      status: 'champion',
      approvalRequestId: approval.approvalRequestId,
    });
    await this.ledger.record(tx, {
      tenantId,
      actor,
      action: 'monitoring.model.promoted',
      subject: { type: 'model', id: content.modelId },
      payload: {
        name: content.name,
        version: content.version,
        sha256: content.sha256,
        previousChampionId: champion && champion.id !== content.modelId ? champion.id : null,
        approvalRequestId: approval.approvalRequestId,
        requestedBy: approval.requestedBy,
      },
    });
  }

  /** Uploads and makes a model the champion at once, as the system (the demo seed), audited as the system. */
  async registerChampionAsSystem(tenantId: string, upload: ModelUpload, reason: string): Promise<ModelVersionEntity> {
    const actor: AuditActor = { type: 'system', id: reason };
    const model = await this.upload(tenantId, actor, upload);
    await this.transactions.run(
      async (tx) => {
        const content = await this.currentPromotionContent(tx, tenantId, model.id, 'retired');
        if (!content) throw transitionInvalid('The uploaded model vanished');
        await this.applyPromotion(tx, tenantId, content, actor, { approvalRequestId: null, requestedBy: null });
      },
      { tenantId },
    );
    return this.get(tenantId, model.id);
  }

  private async transition(
    principal: Principal,
    id: string,
    to: ModelStatus,
    from: readonly ModelStatus[],
    action: string,
  ): Promise<ModelVersionEntity> {
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const model = await this.models.findByIdForUpdate(tx, tenantId, id);
        if (!model) throw notFound();
        if (!from.includes(model.status)) {
          throw transitionInvalid(`The model is ${model.status}; it cannot become ${to} directly`);
        }
        await this.models.setStatus(tx, tenantId, id, { status: to });
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action,
          subject: { type: 'model', id },
          payload: { name: model.name, version: model.version, from: model.status },
        });
        const updated = await this.models.findById(tx, tenantId, id);
        if (!updated) throw notFound();
        return updated;
      },
      { tenantId },
    );
  }
}
