import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { CustomerReviewFeed } from '@domains/customers';
import { TenantScanner } from '@domains/identity';
import { MonitoringAlertFeed } from '@domains/monitoring';
import { HitAdjudicationService } from '@domains/screening';
import {
  priorityRank,
  type AlertDisposition,
  type AlertPriority,
  type AlertSubjectType,
  type AlertType,
} from '../alert/alert.types.js';
import { CaseAlertRepository } from '../alert/case-alert.repository.js';
import { CaseQueueRepository } from '../queue/case-queue.repository.js';
import { CaseQueueService } from '../queue/case-queue.service.js';
import { customerSegments, pickAssignee, routeAlert } from '../queue/queue.router.js';
import { AlertIntakeCursorRepository } from './alert-intake-cursor.repository.js';
import { kycReviewPriority, screeningHitPriority, transactionAlertPriority } from './alert-priority.js';

export interface NewAlertInput {
  tenantId: string;
  type: AlertType;
  sourceId: string;
  subjectType: AlertSubjectType;
  subjectId: string;
  subjectLabel: string;
  /** The Verity customer id where the source knows it (see CaseAlertEntity.customerId). */
  customerId?: string | null;
  transactionId?: string | null;
  title: string;
  priority: AlertPriority;
  score?: number | null;
  details: Record<string, unknown>;
}

const SYSTEM: AuditActor = { type: 'system', id: 'cases.intake' };
/**
 * Each pass reads a source from its cursor minus this overlap: a source row whose created_at is earlier than rows
 * already read but that committed later (a long transaction) is still picked up if it commits within 2 minutes.
 * Re-reading is harmless: inserts are ON CONFLICT DO NOTHING on (tenant, type, source id).
 */
export const INTAKE_OVERLAP_MS = 120_000;
/** Source rows read per transaction. */
const BATCH = 200;
/** Below every generated id: the first batch of a pass starts at the first row of its instant. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

type Source = 'monitoring' | 'screening' | 'kyc_review';
/** A position in a source: an item's time (created or decided) and id. */
type Position = { createdAt: Date; id: string };
const TYPE_OF = { monitoring: 'transaction', screening: 'screening_hit', kyc_review: 'kyc_review' } as const;

/** Turns monitoring alerts, screening hits and KYC reviews into queued alerts, and closes those decided elsewhere. */
@Injectable()
export class AlertIntakeService {
  private readonly logger = new Logger('AlertIntake');

  constructor(
    private readonly alerts: CaseAlertRepository,
    private readonly queues: CaseQueueRepository,
    private readonly queueService: CaseQueueService,
    private readonly cursors: AlertIntakeCursorRepository,
    private readonly monitoring: MonitoringAlertFeed,
    private readonly hits: HitAdjudicationService,
    private readonly reviews: CustomerReviewFeed,
    private readonly tenants: TenantScanner,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  /** Idempotent on (tenant, type, sourceId): routes to a queue, sets SLA due, auto-assigns, audit entry. */
  async raise(tx: Tx, input: NewAlertInput): Promise<{ alertId: string; created: boolean }> {
    const tenantId = input.tenantId;
    const existing = await this.alerts.findBySource(tx, tenantId, input.type, input.sourceId);
    if (existing) return { alertId: existing.id, created: false };
    const queues = await this.queueService.ensureDefaults(tx, tenantId);
    const customerId = input.customerId ?? null;
    const profile = customerId ? ((await this.reviews.profiles(tx, tenantId, [customerId]))[0] ?? null) : null;
    const routed =
      routeAlert(queues, { type: input.type, priority: input.priority, segments: customerSegments(profile) }) ??
      queues[queues.length - 1];
    const queue =
      routed.assignment === 'round_robin' ? await this.queues.findByIdForUpdate(tx, tenantId, routed.id) : routed;
    if (!queue) throw new Error('queue vanished during intake');
    const loads =
      queue.assignment === 'least_loaded'
        ? await this.alerts.claimedCounts(tx, tenantId, queue.memberIds)
        : new Map<string, number>();
    const pick = pickAssignee(queue, loads);
    const now = new Date();
    const alertId = await this.alerts.insertIfAbsent(tx, {
      tenantId,
      type: input.type,
      sourceId: input.sourceId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      subjectLabel: input.subjectLabel,
      customerId,
      transactionId: input.transactionId ?? null,
      title: input.title,
      priority: input.priority,
      priorityRank: priorityRank(input.priority),
      score: input.score ?? null,
      details: input.details,
      queueId: queue.id,
      slaDueAt: new Date(now.getTime() + queue.slaMinutes[input.priority] * 60_000),
      assigneeId: pick.assigneeId,
    });
    if (alertId === null) {
      const raced = await this.alerts.findBySource(tx, tenantId, input.type, input.sourceId);
      if (!raced) throw new Error('alert insert conflicted but no alert exists');
      return { alertId: raced.id, created: false };
    }
    if (pick.rrCursor !== queue.rrCursor) await this.queues.setRrCursor(tx, tenantId, queue.id, pick.rrCursor);
    await this.alerts.addEvent(tx, {
      tenantId,
      alertId,
      actor: 'system:cases.intake',
      action: 'raised',
      details: { queueId: queue.id, queue: queue.name, priority: input.priority },
    });
    if (pick.assigneeId) {
      await this.alerts.addEvent(tx, {
        tenantId,
        alertId,
        actor: 'system:cases.intake',
        action: 'assigned',
        details: { assigneeId: pick.assigneeId, strategy: queue.assignment },
      });
    }
    await this.ledger.record(tx, {
      tenantId,
      actor: SYSTEM,
      action: 'cases.alert.raised',
      subject: { type: 'alert', id: alertId },
      payload: {
        type: input.type,
        sourceId: input.sourceId,
        queueId: queue.id,
        priority: input.priority,
        assigneeId: pick.assigneeId,
      },
    });
    return { alertId, created: true };
  }

  /** One intake pass over every source for one tenant (or all tenants when omitted); used by the job, tests, demo. */
  async runOnce(tenantId?: string): Promise<{ raised: number; closedFromSource: number }> {
    let closedFromSource = 0;
    const raised = await this.tenants.sum(
      async (id) => {
        const outcome = await this.runTenant(id);
        closedFromSource += outcome.closedFromSource;
        return outcome.raised;
      },
      tenantId ? [tenantId] : undefined,
    );
    if (raised + closedFromSource > 0) this.logger.log(`raised ${raised}, closed from source ${closedFromSource}`);
    return { raised, closedFromSource };
  }

  private async runTenant(tenantId: string): Promise<{ raised: number; closedFromSource: number }> {
    let raised = 0;
    for (const source of ['monitoring', 'screening', 'kyc_review'] as const) {
      raised += await this.readSource(tenantId, source);
    }
    const closedFromSource = await this.closeDecidedSources(tenantId);
    return { raised, closedFromSource };
  }

  /**
   * Pages through a source from a stored cursor: the first batch from the cursor minus the overlap, each next one
   * strictly after the last item read (time, id), so a pass gets through any number of rows, even many of the same
   * instant. `step` handles one batch in its own transaction and answers what it counted, the last position read and
   * how many items it read; the cursor moves to that position in the same transaction. Answers the counts' sum.
   */
  private async pageFromCursor(
    tenantId: string,
    cursorName: string,
    step: (tx: Tx, from: Position) => Promise<{ count: number; last: Position | null; read: number }>,
  ): Promise<number> {
    let total = 0;
    let after: Position | null = null;
    for (;;) {
      const from = after;
      const batch = await this.transactions.run(
        async (tx) => {
          const cursor = await this.cursors.get(tx, tenantId, cursorName);
          const position = from ?? {
            createdAt: new Date(cursor ? cursor.getTime() - INTAKE_OVERLAP_MS : 0),
            id: NIL_UUID,
          };
          const result = await step(tx, position);
          if (result.last) await this.cursors.advance(tx, tenantId, cursorName, result.last.createdAt);
          return result;
        },
        { tenantId },
      );
      total += batch.count;
      if (batch.read < BATCH || !batch.last) return total;
      after = batch.last;
    }
  }

  /** Raises an alert for every new item of a source (the overlap re-reads some: one lookup skips those). */
  private readSource(tenantId: string, source: Source): Promise<number> {
    return this.pageFromCursor(tenantId, source, async (tx, from) => {
      const { inputs, last, read } = await this.readBatch(tx, tenantId, source, from);
      const known = await this.alerts.existingSourceIds(
        tx,
        tenantId,
        TYPE_OF[source],
        inputs.map((i) => i.sourceId),
      );
      let count = 0;
      for (const input of inputs) {
        if (!known.has(input.sourceId) && (await this.raise(tx, input)).created) count += 1;
      }
      return { count, last, read };
    });
  }

  private async readBatch(
    tx: Tx,
    tenantId: string,
    source: Source,
    from: Position,
  ): Promise<{ inputs: NewAlertInput[]; last: Position | null; read: number }> {
    const lastOf = <T>(items: T[], position: (item: T) => Position) =>
      items.length === 0 ? null : position(items[items.length - 1]);
    switch (source) {
      case 'monitoring': {
        const items = await this.monitoring.since(tx, tenantId, from.createdAt, BATCH, from.id);
        const inputs = items
          .filter((a) => a.status === 'open')
          .map((a): NewAlertInput => ({
            tenantId,
            type: 'transaction',
            sourceId: a.alertId,
            subjectType: 'customer',
            subjectId: a.customerRecordId,
            subjectLabel: a.customerId,
            customerId: a.customerRecordId,
            transactionId: a.transactionId,
            title: `${a.decision === 'block' ? 'Blocked' : 'Review'}: ${a.direction === 'out' ? 'payment to' : 'payment from'} ${a.counterparty.name} (${a.currency} ${a.amountMinor} minor units)`,
            priority: transactionAlertPriority(a),
            score: a.score,
            details: {
              decision: a.decision,
              score: a.score,
              reasons: a.reasons,
              firedRules: a.firedRules,
              contributions: a.contributions,
              transaction: {
                externalId: a.externalId,
                providerCustomerId: a.customerId,
                accountId: a.accountId,
                direction: a.direction,
                amountMinor: a.amountMinor,
                currency: a.currency,
                bookedAt: a.bookedAt.toISOString(),
                counterparty: a.counterparty,
              },
            },
          }));
        return { inputs, last: lastOf(items, (a) => ({ createdAt: a.createdAt, id: a.alertId })), read: items.length };
      }
      case 'screening': {
        const items = await this.hits.since(tx, tenantId, from.createdAt, BATCH, from.id);
        const inputs = items
          .filter(({ hit }) => hit.status === 'open')
          .map(({ hit, subjectName }): NewAlertInput => {
            const customerId = hit.customerId ?? (hit.subjectKind === 'customer' ? hit.subjectId : null);
            return {
              tenantId,
              type: 'screening_hit',
              sourceId: hit.id,
              subjectType: hit.subjectKind === 'counterparty' ? 'counterparty' : 'customer',
              subjectId: hit.subjectKind === 'related_party' && customerId ? customerId : hit.subjectId,
              subjectLabel: subjectName ?? hit.subjectId,
              customerId,
              title: `${listLabel(hit.listSource)} hit: ${subjectName ?? hit.subjectId} ~ ${hit.entryName}`,
              priority: screeningHitPriority(hit),
              score: hit.score,
              details: {
                listSource: hit.listSource,
                entryExternalId: hit.entryExternalId,
                entryName: hit.entryName,
                matchedName: hit.matchedName,
                score: hit.score,
                subjectKind: hit.subjectKind,
                subjectId: hit.subjectId,
                explanation: hit.explanation,
              },
            };
          });
        return {
          inputs,
          last: lastOf(items, ({ hit }) => ({ createdAt: hit.createdAt, id: hit.id })),
          read: items.length,
        };
      }
      case 'kyc_review': {
        const items = await this.reviews.since(tx, tenantId, from.createdAt, BATCH, from.id);
        const now = new Date();
        const inputs = items
          .filter((r) => r.status === 'open')
          .map((r): NewAlertInput => ({
            tenantId,
            type: 'kyc_review',
            sourceId: r.reviewId,
            subjectType: 'customer',
            subjectId: r.customerId,
            subjectLabel: r.customerName,
            customerId: r.customerId,
            title: `KYC review (${r.reason}): ${r.customerName}`,
            priority: kycReviewPriority({ riskRating: r.riskRating, dueAt: r.dueAt, now }),
            details: {
              reason: r.reason,
              dueAt: r.dueAt.toISOString(),
              riskRating: r.riskRating,
              kycStatus: r.kycStatus,
              customerType: r.customerType,
            },
          }));
        return { inputs, last: lastOf(items, (r) => ({ createdAt: r.createdAt, id: r.reviewId })), read: items.length };
      }
    }
  }

  /**
   * Closes the open or claimed queue alerts of source items decided elsewhere (a hit adjudicated on the screening page,
   * a review completed on the customer's page), with the source's outcome. Reads each source's decisions since its own
   * cursor (minus the same overlap as intake), in batches, so a pass costs what was decided since the last one, not a
   * read of every open alert. Re-reading is harmless: an alert that is no longer open or claimed is left alone.
   */
  private async closeDecidedSources(tenantId: string): Promise<number> {
    let closed = 0;
    for (const source of ['monitoring', 'screening', 'kyc_review'] as const) {
      closed += await this.pageFromCursor(tenantId, `${source}:decided`, async (tx, from) => {
        const decided = await this.readDecided(tx, tenantId, source, from);
        const workable = await this.alerts.workableBySourceIds(
          tx,
          tenantId,
          TYPE_OF[source],
          decided.map((d) => d.sourceId),
        );
        let count = 0;
        for (const item of decided) {
          const alertId = workable.get(item.sourceId);
          if (alertId && (await this.closeFromSource(tx, tenantId, alertId, item.disposition, item.outcome))) {
            count += 1;
          }
        }
        const last = decided.at(-1);
        return { count, last: last ? { createdAt: last.decidedAt, id: last.sourceId } : null, read: decided.length };
      });
    }
    return closed;
  }

  /** One batch of a source's items decided at or after `from`, with the disposition and outcome to close with. */
  private async readDecided(
    tx: Tx,
    tenantId: string,
    source: Source,
    from: Position,
  ): Promise<
    { sourceId: string; decidedAt: Date; disposition: AlertDisposition | null; outcome: Record<string, unknown> }[]
  > {
    switch (source) {
      case 'monitoring':
        return (await this.monitoring.disposedSince(tx, tenantId, from.createdAt, BATCH, from.id)).map((a) => ({
          sourceId: a.id,
          decidedAt: a.decidedAt,
          disposition: a.decision,
          outcome: { sourceStatus: 'closed' },
        }));
      case 'screening':
        return (await this.hits.adjudicatedSince(tx, tenantId, from.createdAt, BATCH, from.id)).map((hit) => ({
          sourceId: hit.id,
          decidedAt: hit.adjudicatedAt ?? hit.createdAt,
          disposition: hit.status === 'true_match' ? 'true_positive' : 'false_positive',
          outcome: { sourceStatus: hit.status, adjudicatedBy: hit.adjudicatedBy },
        }));
      case 'kyc_review':
        // A completed review carries a KYC outcome (approved, rejected, exited), not a true/false-positive label.
        return (await this.reviews.doneSince(tx, tenantId, from.createdAt, BATCH, from.id)).map((r) => ({
          sourceId: r.reviewId,
          decidedAt: r.completedAt ?? r.createdAt,
          disposition: null,
          outcome: { sourceStatus: 'done', outcome: r.outcome },
        }));
    }
  }

  /** Closes one open or claimed alert whose source was decided elsewhere; false when it is no longer workable. */
  private async closeFromSource(
    tx: Tx,
    tenantId: string,
    alertId: string,
    disposition: AlertDisposition | null,
    outcome: Record<string, unknown>,
  ): Promise<boolean> {
    const [alert] = await this.alerts.findByIdsForUpdate(tx, tenantId, [alertId]);
    if (!alert || (alert.status !== 'open' && alert.status !== 'claimed')) return false;
    await this.alerts.closeFromSource(tx, tenantId, alertId, disposition, new Date());
    await this.alerts.addEvent(tx, {
      tenantId,
      alertId,
      actor: 'system:cases.intake',
      action: 'closed_from_source',
      details: { disposition, ...outcome },
    });
    await this.ledger.record(tx, {
      tenantId,
      actor: SYSTEM,
      action: 'cases.alert.closed_from_source',
      subject: { type: 'alert', id: alertId },
      payload: { type: alert.type, sourceId: alert.sourceId, disposition, ...outcome },
    });
    return true;
  }
}

function listLabel(source: string): string {
  switch (source) {
    case 'ofac_sdn':
      return 'OFAC SDN';
    case 'un_consolidated':
      return 'UN sanctions';
    case 'pep':
      return 'PEP';
    default:
      return 'Watchlist';
  }
}
