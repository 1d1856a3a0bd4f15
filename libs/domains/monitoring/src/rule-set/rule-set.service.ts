import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import type {
  ApprovalContent,
  ApprovalRequester,
  PendingApproval,
  Principal,
  RequestedApproval,
} from '@domains/identity';
import { actorOf } from '@domains/identity';
import { ReplayTransactionRepository } from '../backtest/replay-transaction.repository.js';
import { decideReplay, DEFAULT_THRESHOLDS } from '../backtest/replay.decider.js';
import type { Decision } from '../backtest/backtest.result.js';
import { MonitoringError } from '../monitoring.errors.js';
import { compileRuleSet } from '../rules/rule-set.compiler.js';
import type { FiredRule, RuleSetDocument } from '../rules/rule-set.document.js';
import { validateRuleSet } from '../rules/rule-set.validator.js';
import { hashRuleSetDocument } from './rule-set-content.hasher.js';
import type { RuleSetVersionEntity } from './rule-set-version.entity.js';
import { RuleSetVersionRepository } from './rule-set-version.repository.js';

/** The approval kind of publishing a rule-set version; approvals' RuleSetPublishHandler applies it. */
export const RULE_SET_PUBLISH = 'monitoring.rule_set.publish';

/** What a second person approves when a rule set is published: exactly this object, hashed as canonical JSON. */
export interface RuleSetPublishContent extends ApprovalContent {
  readonly ruleSetId: string;
  readonly name: string;
  readonly version: number;
  readonly contentHash: string;
  /** The version it replaces (retired on approval), null when none is published. */
  readonly replacesVersion: number | null;
}

export interface RuleSetView {
  readonly ruleSet: RuleSetVersionEntity;
  readonly pendingApproval: PendingApproval | null;
}

export interface DryRunSample {
  /** The caller's label, or the stored transaction's external id. */
  readonly ref: string;
  readonly transactionId: string | null;
  readonly fired: FiredRule[];
  readonly modelScore: number;
  readonly score: number;
  readonly decision: Decision;
  /** The decision stored for the transaction, for comparison (null for facts samples). */
  readonly storedDecision: Decision | null;
}

function notFound(): MonitoringError {
  return new MonitoringError('monitoring/not_found', 'not_found', 'No such rule set in your tenant');
}

function invalid(errors: { path: string; message: string }[]): MonitoringError {
  return new MonitoringError(
    'monitoring/rule_set_invalid',
    'unprocessable',
    `The rule set is not valid: ${errors.length} error(s), see errors`,
    { errors: errors.map((e) => ({ field: e.path, path: e.path, message: e.message })) },
  );
}

function notEditable(message: string): MonitoringError {
  return new MonitoringError('monitoring/rule_set_not_editable', 'conflict', message);
}

/**
 * The rule-set lifecycle: drafts validated on save, submitted for a second person's approval, published by the
 * approvals domain (`applyPublish`) while the previous version retires. One published version per tenant.
 */
@Injectable()
export class RuleSetService {
  constructor(
    private readonly ruleSets: RuleSetVersionRepository,
    private readonly replays: ReplayTransactionRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  validate(document: unknown): RuleSetDocument {
    const validation = validateRuleSet(document);
    if (!validation.ok) throw invalid(validation.errors);
    return validation.document;
  }

  list(tenantId: string): Promise<RuleSetVersionEntity[]> {
    return this.transactions.run((tx) => this.ruleSets.list(tx, tenantId), { tenantId });
  }

  async get(tenantId: string, id: string, requester: ApprovalRequester): Promise<RuleSetView> {
    const ruleSet = await this.transactions.run((tx) => this.ruleSets.findById(tx, tenantId, id), { tenantId });
    if (!ruleSet) throw notFound();
    const pending =
      ruleSet.status === 'pending_approval' ? await requester.findPending(tenantId, RULE_SET_PUBLISH, 'rule_set') : [];
    return { ruleSet, pendingApproval: pending.find((p) => p.subjectId === id) ?? null };
  }

  published(tenantId: string): Promise<RuleSetVersionEntity | null> {
    return this.transactions.run((tx) => this.ruleSets.findPublished(tx, tenantId), { tenantId });
  }

  async create(principal: Principal, command: { name: string; document: unknown }): Promise<RuleSetVersionEntity> {
    const document = this.validate(command.document);
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const created = await this.ruleSets.insertDraft(tx, {
          tenantId,
          name: command.name.trim(),
          document,
          contentHash: hashRuleSetDocument(document),
          createdBy: principal.kind === 'user' ? principal.userId : null,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'monitoring.rule_set.draft_created',
          subject: { type: 'rule_set', id: created.id },
          payload: { version: created.version, name: created.name, contentHash: created.contentHash },
        });
        return created;
      },
      { tenantId },
    );
  }

  /** Replaces a draft's document (a version pending approval returns to draft; its request can no longer apply). */
  async update(
    principal: Principal,
    id: string,
    command: { name?: string; document: unknown },
  ): Promise<RuleSetVersionEntity> {
    const document = this.validate(command.document);
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const current = await this.ruleSets.findByIdForUpdate(tx, tenantId, id);
        if (!current) throw notFound();
        if (current.status !== 'draft' && current.status !== 'pending_approval') {
          throw notEditable(`Version ${current.version} is ${current.status}: only drafts can be edited`);
        }
        const contentHash = hashRuleSetDocument(document);
        const name = command.name?.trim() || current.name;
        if (current.status === 'pending_approval') {
          await this.ruleSets.setStatus(tx, tenantId, id, { status: 'draft', approvalRequestId: null });
        }
        await this.ruleSets.updateDraft(tx, tenantId, id, { name, document, contentHash });
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'monitoring.rule_set.draft_updated',
          subject: { type: 'rule_set', id },
          payload: { version: current.version, name, contentHash },
        });
        const updated = await this.ruleSets.findById(tx, tenantId, id);
        if (!updated) throw notFound();
        return updated;
      },
      { tenantId },
    );
  }

  /** The draft and the published document (null when none is published), for the diff. */
  async comparePublished(
    tenantId: string,
    id: string,
  ): Promise<{ draft: RuleSetVersionEntity; published: RuleSetVersionEntity | null }> {
    return this.transactions.run(
      async (tx) => {
        const draft = await this.ruleSets.findById(tx, tenantId, id);
        if (!draft) throw notFound();
        return { draft, published: await this.ruleSets.findPublished(tx, tenantId) };
      },
      { tenantId },
    );
  }

  /**
   * Evaluates the version on fact samples (model score as given, 0 by default) or on stored transactions (their
   * stored features and model score), with the compiled evaluator and the real-time decision rule.
   */
  async dryRun(
    tenantId: string,
    id: string,
    input: { samples?: Record<string, unknown>[]; transactionIds?: string[]; modelScore?: number },
  ): Promise<DryRunSample[]> {
    return this.transactions.run(
      async (tx) => {
        const ruleSet = await this.ruleSets.findById(tx, tenantId, id);
        if (!ruleSet) throw notFound();
        const compiled = compileRuleSet(ruleSet.document);
        const thresholds = ruleSet.document.thresholds ?? DEFAULT_THRESHOLDS;
        const results: DryRunSample[] = [];
        (input.samples ?? []).forEach((facts, i) => {
          const modelScore = input.modelScore ?? 0;
          const fired = compiled.evaluate(facts);
          const decided = decideReplay(modelScore, fired, thresholds);
          results.push({
            ref: typeof facts.ref === 'string' ? facts.ref : `sample ${i + 1}`,
            transactionId: null,
            fired,
            modelScore,
            score: decided.score,
            decision: decided.decision,
            storedDecision: null,
          });
        });
        const stored = await this.replays.findByIds(tx, tenantId, input.transactionIds ?? []);
        for (const t of stored) {
          const fired = compiled.evaluate(t.features);
          const decided = decideReplay(t.modelScore, fired, thresholds, t.screeningHit);
          results.push({
            ref: t.externalId,
            transactionId: t.id,
            fired,
            modelScore: t.modelScore,
            score: decided.score,
            decision: decided.decision,
            storedDecision: t.decision,
          });
        }
        return results;
      },
      { tenantId },
    );
  }

  /** Submits a draft for approval: it waits, unchanged, until a second person holding `rules:approve` approves it. */
  async submit(principal: Principal, id: string, requester: ApprovalRequester): Promise<RequestedApproval> {
    if (principal.kind !== 'user') {
      throw new MonitoringError('monitoring/rule_set_not_editable', 'forbidden', 'Only a person can submit a rule set');
    }
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const ruleSet = await this.ruleSets.findByIdForUpdate(tx, tenantId, id);
        if (!ruleSet) throw notFound();
        // pending_approval again: its request was rejected or withdrawn, or the author asks again (supersedes it).
        if (ruleSet.status !== 'draft' && ruleSet.status !== 'pending_approval') {
          throw notEditable(`Version ${ruleSet.version} is ${ruleSet.status}: only drafts can be submitted`);
        }
        const published = await this.ruleSets.findPublished(tx, tenantId);
        const requested = await requester.request(tx, {
          tenantId,
          kind: RULE_SET_PUBLISH,
          subject: { type: 'rule_set', id },
          content: this.publishContent(ruleSet, published),
          requestedBy: principal.userId,
          requiredPermission: 'rules:approve',
        });
        await this.ruleSets.setStatus(tx, tenantId, id, {
          status: 'pending_approval',
          approvalRequestId: requested.id,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor: actorOf(principal),
          action: 'monitoring.rule_set.submitted',
          subject: { type: 'rule_set', id },
          payload: { version: ruleSet.version, contentHash: ruleSet.contentHash, approvalRequestId: requested.id },
        });
        return requested;
      },
      { tenantId },
    );
  }

  /** What publishing would mean now, locking the version and the published one; null when it is no longer pending. */
  async currentPublishContent(tx: Tx, tenantId: string, id: string): Promise<RuleSetPublishContent | null> {
    const ruleSet = await this.ruleSets.findByIdForUpdate(tx, tenantId, id);
    if (!ruleSet || ruleSet.status !== 'pending_approval') return null;
    const published = await this.ruleSets.findPublishedForUpdate(tx, tenantId);
    return this.publishContent(ruleSet, published);
  }

  /** Publishes the approved version and retires the previous one, in the approval's transaction. */
  async applyPublish(
    tx: Tx,
    change: {
      tenantId: string;
      ruleSetId: string;
      approvalRequestId: string | null;
      requestedBy: string | null;
      approvedBy: string | null;
    },
    actor: AuditActor,
  ): Promise<void> {
    const { tenantId } = change;
    const ruleSet = await this.ruleSets.findByIdForUpdate(tx, tenantId, change.ruleSetId);
    if (!ruleSet) throw notFound();
    const previous = await this.ruleSets.findPublishedForUpdate(tx, tenantId);
    const now = new Date();
    if (previous && previous.id !== ruleSet.id) {
      await this.ruleSets.setStatus(tx, tenantId, previous.id, { status: 'retired', retiredAt: now });
      await this.ledger.record(tx, {
        tenantId,
        actor,
        action: 'monitoring.rule_set.retired',
        subject: { type: 'rule_set', id: previous.id },
        payload: { version: previous.version, contentHash: previous.contentHash, replacedBy: ruleSet.version },
      });
    }
    await this.ruleSets.setStatus(tx, tenantId, ruleSet.id, {
      status: 'published',
      publishedAt: now,
      publishedBy: change.approvedBy,
      approvalRequestId: change.approvalRequestId,
    });
    await this.ledger.record(tx, {
      tenantId,
      actor,
      action: 'monitoring.rule_set.published',
      subject: { type: 'rule_set', id: ruleSet.id },
      payload: {
        version: ruleSet.version,
        name: ruleSet.name,
        contentHash: ruleSet.contentHash,
        previousVersion: previous && previous.id !== ruleSet.id ? previous.version : null,
        approvalRequestId: change.approvalRequestId,
        requestedBy: change.requestedBy,
        approvedBy: change.approvedBy,
      },
    });
  }

  /** Creates and publishes a version at once, as the system (the demo seed; no four-eyes, audited as the system). */
  async publishAsSystem(
    tenantId: string,
    name: string,
    document: unknown,
    reason: string,
  ): Promise<RuleSetVersionEntity> {
    const valid = this.validate(document);
    const actor: AuditActor = { type: 'system', id: reason };
    return this.transactions.run(
      async (tx) => {
        const created = await this.ruleSets.insertDraft(tx, {
          tenantId,
          name,
          document: valid,
          contentHash: hashRuleSetDocument(valid),
          createdBy: null,
        });
        await this.applyPublish(
          tx,
          { tenantId, ruleSetId: created.id, approvalRequestId: null, requestedBy: null, approvedBy: null },
          actor,
        );
        const published = await this.ruleSets.findById(tx, tenantId, created.id);
        if (!published) throw notFound();
        return published;
      },
      { tenantId },
    );
  }

  private publishContent(ruleSet: RuleSetVersionEntity, published: RuleSetVersionEntity | null): RuleSetPublishContent {
    return {
      ruleSetId: ruleSet.id,
      name: ruleSet.name,
      version: ruleSet.version,
      contentHash: ruleSet.contentHash,
      replacesVersion: published && published.id !== ruleSet.id ? published.version : null,
    };
  }
}
