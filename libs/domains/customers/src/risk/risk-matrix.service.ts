import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { JobProducer } from '@platform/queue';
import { AuditLedger, type AuditPayload } from '@domains/audit';
import {
  actorOf,
  type ApprovalContent,
  type ApprovalRequester,
  type Principal,
  type RequestedApproval,
} from '@domains/identity';
import { CustomersError } from '../customers.errors.js';
import { customersQueue } from '../customers.queue.js';
import {
  DEFAULT_RISK_MATRIX,
  riskMatrixDefinitionSchema,
  riskMatrixProblems,
  type RiskMatrixDefinition,
} from './risk-matrix.definition.js';
import type { RiskMatrixEntity } from './risk-matrix.entity.js';
import { RiskMatrixRepository } from './risk-matrix.repository.js';

/** The approval kind of activating a drafted risk matrix; approvals' RiskMatrixActivationHandler applies it. */
export const RISK_MATRIX_ACTIVATION = 'customers.risk_matrix.activate';

/** What the second person approves: exactly this draft version with this definition. */
export interface RiskMatrixActivationContent extends ApprovalContent {
  readonly matrixId: string;
  readonly version: number;
  readonly definition: AuditPayload;
}

export interface ActiveRiskMatrix {
  readonly version: number;
  readonly definition: RiskMatrixDefinition;
}

function parseDefinition(candidate: unknown): RiskMatrixDefinition {
  const problems = riskMatrixProblems(candidate);
  if (problems.length > 0) {
    throw new CustomersError(
      'customers/risk_matrix_invalid',
      'invalid',
      `Invalid risk matrix: ${problems.join('; ')}`,
      {
        errors: problems,
      },
    );
  }
  return riskMatrixDefinitionSchema.parse(candidate);
}

/**
 * The versioned risk scoring matrix: every tenant starts with the default (version 1, seeded on first use); a new
 * version is drafted, submitted for four-eyes approval, and becomes active when a second person approves it.
 */
@Injectable()
export class RiskMatrixService {
  constructor(
    private readonly matrices: RiskMatrixRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
    private readonly jobs: JobProducer,
  ) {}

  /** The tenant's active matrix, seeding the default on first use. */
  async active(tx: Tx, tenantId: string): Promise<ActiveRiskMatrix> {
    let active = await this.matrices.findActive(tx, tenantId);
    if (!active) {
      await this.matrices.insertDefaultIfAbsent(tx, tenantId, DEFAULT_RISK_MATRIX);
      active = await this.matrices.findActive(tx, tenantId);
    }
    if (!active) throw new Error(`tenant ${tenantId} has no active risk matrix after seeding the default`);
    return { version: active.version, definition: active.definition };
  }

  async list(tenantId: string): Promise<RiskMatrixEntity[]> {
    return this.transactions.run(
      async (tx) => {
        await this.active(tx, tenantId);
        return this.matrices.list(tx, tenantId);
      },
      { tenantId },
    );
  }

  async getVersion(tenantId: string, version: number): Promise<RiskMatrixEntity> {
    const found = await this.transactions.run((tx) => this.matrices.findByVersion(tx, tenantId, version), { tenantId });
    if (!found) throw new CustomersError('customers/not_found', 'not_found', 'No such risk matrix version');
    return found;
  }

  async getDraft(tenantId: string): Promise<RiskMatrixEntity | null> {
    return this.transactions.run((tx) => this.matrices.findDraft(tx, tenantId), { tenantId });
  }

  /** Creates or replaces the draft (editing it voids a pending approval of the previous content). */
  async saveDraft(principal: Principal, candidate: unknown): Promise<RiskMatrixEntity> {
    const definition = parseDefinition(candidate);
    const tenantId = principal.tenantId;
    const by = principal.kind === 'user' ? principal.userId : null;
    return this.transactions.run(
      async (tx) => {
        await this.active(tx, tenantId);
        const existing = await this.matrices.findDraftForUpdate(tx, tenantId);
        let draft: RiskMatrixEntity;
        if (existing) {
          await this.matrices.updateDraft(tx, tenantId, existing.id, definition, by);
          draft = { ...existing, definition, createdBy: by };
        } else {
          const version = await this.matrices.nextVersion(tx, tenantId);
          draft = await this.matrices.insertDraft(tx, { tenantId, version, definition, createdBy: by });
        }
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'customers.risk_matrix.drafted',
          subject: { type: 'risk_matrix', id: draft.id },
          payload: { version: draft.version, definition: definition as unknown as AuditPayload },
        });
        return draft;
      },
      { tenantId },
    );
  }

  /** Asks a second person (holding `risk_matrix:approve`) to activate the draft exactly as it is now. */
  async submitDraft(principal: Principal, requester: ApprovalRequester): Promise<RequestedApproval> {
    if (principal.kind !== 'user') {
      throw new CustomersError('customers/people_only', 'forbidden', 'Only a person can submit a risk matrix');
    }
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const draft = await this.matrices.findDraftForUpdate(tx, tenantId);
        if (!draft) throw this.noDraft();
        return requester.request(tx, {
          tenantId,
          kind: RISK_MATRIX_ACTIVATION,
          subject: { type: 'risk_matrix', id: draft.id },
          content: this.contentOf(draft),
          requestedBy: principal.userId,
          requiredPermission: 'risk_matrix:approve',
        });
      },
      { tenantId },
    );
  }

  /** The activation content the draft `matrixId` would have now (locked); null when it is no longer a draft. */
  async currentActivation(tx: Tx, tenantId: string, matrixId: string): Promise<RiskMatrixActivationContent | null> {
    const draft = await this.matrices.findDraftForUpdate(tx, tenantId);
    if (!draft || draft.id !== matrixId) return null;
    return this.contentOf(draft);
  }

  /**
   * Activates an approved draft in the approval's transaction: the previous version retires, and every customer is
   * re-rated with the new matrix by a job (enqueued through the outbox, so only if this commits).
   */
  async applyActivation(
    tx: Tx,
    change: {
      readonly tenantId: string;
      readonly content: RiskMatrixActivationContent;
      readonly approvalRequestId: string;
      readonly requestedBy: string;
      readonly approvedBy: string;
    },
  ): Promise<void> {
    const { tenantId, content } = change;
    const previous = await this.matrices.findActive(tx, tenantId);
    await this.matrices.activate(tx, tenantId, content.matrixId, {
      approvedBy: change.approvedBy,
      approvalRequestId: change.approvalRequestId,
    });
    await this.ledger.record(tx, {
      tenantId,
      actor: { type: 'user', id: change.approvedBy },
      action: 'customers.risk_matrix.activated',
      subject: { type: 'risk_matrix', id: content.matrixId },
      payload: {
        version: content.version,
        previousVersion: previous?.version ?? null,
        approvalRequestId: change.approvalRequestId,
        requestedBy: change.requestedBy,
        approvedBy: change.approvedBy,
      },
    });
    await this.jobs.enqueue(
      tx,
      customersQueue,
      'customers.ratings.recompute',
      { tenantId, matrixVersion: content.version },
      { jobId: `customers.ratings.recompute.${tenantId}.${content.version}` },
    );
  }

  private contentOf(draft: RiskMatrixEntity): RiskMatrixActivationContent {
    return {
      matrixId: draft.id,
      version: draft.version,
      definition: draft.definition,
    };
  }

  private noDraft(): CustomersError {
    return new CustomersError('customers/risk_matrix_no_draft', 'conflict', 'There is no draft risk matrix to submit');
  }
}
