import { Injectable } from '@nestjs/common';
import { TenantContext, TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { CasesError } from '../cases.errors.js';
import { AlertSourceWriter } from '../intake/alert-source.writer.js';
import { CaseQueueRepository } from '../queue/case-queue.repository.js';
import {
  ESCALATED_TO_CASE,
  bumpPriority,
  isValidReasonCode,
  priorityRank,
  type AlertDisposition,
} from './alert.types.js';
import type { CaseAlertEntity } from './case-alert.entity.js';
import { CaseAlertRepository } from './case-alert.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLA_ACTOR: AuditActor = { type: 'system', id: 'cases.sla' };

/** The person working alerts: only people claim, release and dispose (their id is the assignee). */
export interface AlertWorker {
  readonly userId: string;
  /** Officers (compliance_officer, admin) may release someone else's claim. */
  readonly officer: boolean;
}

export interface DispositionInput {
  readonly disposition: AlertDisposition;
  readonly reasonCode: string;
  readonly note?: string | null;
  readonly relatedAlertIds?: readonly string[];
}

export interface SlaScanOptions {
  readonly now?: Date;
  /** Alerts escalated per transaction. */
  readonly batchSize?: number;
  /** Called after each committed batch (tests inject a crash here). */
  readonly afterBatch?: (escalated: readonly string[]) => void;
}

function actorOf(worker: AlertWorker): AuditActor {
  return { type: 'user', id: worker.userId };
}

function notFound(): CasesError {
  return new CasesError('cases/alert_not_found', 'not_found', 'No such alert');
}

/** Claims, releases, dispositions, escalation into cases, SLA escalation and idle-claim release. */
@Injectable()
export class AlertWorkflowService {
  constructor(
    private readonly alerts: CaseAlertRepository,
    private readonly queues: CaseQueueRepository,
    private readonly sources: AlertSourceWriter,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  /** Takes the alert; of two concurrent claimers exactly one wins, the other gets 409 cases/alert_already_claimed. */
  claim(tenantId: string, worker: AlertWorker, alertId: string): Promise<CaseAlertEntity> {
    return this.transactions.run(
      async (tx) => {
        const alert = UUID.test(alertId) ? await this.alerts.findById(tx, tenantId, alertId) : null;
        if (!alert) throw notFound();
        if (alert.status === 'claimed' && alert.assigneeId === worker.userId) return alert;
        if (alert.status === 'closed' || alert.status === 'escalated') {
          throw new CasesError('cases/alert_not_workable', 'conflict', `The alert is ${alert.status}`, {
            status: alert.status,
          });
        }
        const now = new Date();
        if (!(await this.alerts.claim(tx, tenantId, alertId, worker.userId, now))) {
          throw new CasesError('cases/alert_already_claimed', 'conflict', 'Someone else has claimed this alert');
        }
        await this.record(tx, tenantId, actorOf(worker), alert, 'claimed', {});
        return (await this.alerts.findById(tx, tenantId, alertId)) ?? alert;
      },
      { tenantId },
    );
  }

  /** The caller's next alert in the queue (most urgent, then earliest due); 404 cases/queue_empty when none is free. */
  claimNext(tenantId: string, worker: AlertWorker, queueId: string): Promise<CaseAlertEntity> {
    return this.transactions.run(
      async (tx) => {
        const queue = UUID.test(queueId) ? await this.queues.findById(tx, tenantId, queueId) : null;
        if (!queue) throw new CasesError('cases/queue_not_found', 'not_found', 'No such alert queue');
        const id = await this.alerts.claimNext(tx, tenantId, queueId, worker.userId, new Date());
        if (!id) throw new CasesError('cases/queue_empty', 'not_found', 'No open, unclaimed alert in this queue');
        const alert = await this.alerts.findById(tx, tenantId, id);
        if (!alert) throw notFound();
        await this.record(tx, tenantId, actorOf(worker), alert, 'claimed', { via: 'claim_next' });
        return alert;
      },
      { tenantId },
    );
  }

  /** Gives the alert back to its queue: by its holder, or by an officer. */
  release(tenantId: string, worker: AlertWorker, alertId: string): Promise<CaseAlertEntity> {
    return this.transactions.run(
      async (tx) => {
        const [alert] = UUID.test(alertId) ? await this.alerts.findByIdsForUpdate(tx, tenantId, [alertId]) : [];
        if (!alert) throw notFound();
        if (alert.status !== 'claimed') {
          throw new CasesError('cases/alert_not_held', 'conflict', 'The alert is not claimed', {
            status: alert.status,
          });
        }
        if (alert.assigneeId !== worker.userId && !worker.officer) {
          throw new CasesError('cases/alert_not_held', 'conflict', 'Only the holder or an officer may release it');
        }
        await this.alerts.release(tx, tenantId, alertId, new Date());
        await this.record(tx, tenantId, actorOf(worker), alert, 'released', { previousAssigneeId: alert.assigneeId });
        return (await this.alerts.findById(tx, tenantId, alertId)) ?? alert;
      },
      { tenantId },
    );
  }

  /**
   * Closes the alert (held by the caller) and the related alerts (open, or claimed by the caller) with the same
   * disposition, writing each back to its source, all in one transaction.
   */
  dispose(tenantId: string, worker: AlertWorker, alertId: string, input: DispositionInput): Promise<CaseAlertEntity[]> {
    if (!isValidReasonCode(input.disposition, input.reasonCode)) {
      throw new CasesError(
        'cases/reason_code_invalid',
        'invalid',
        `reasonCode "${input.reasonCode}" is not a reason code for ${input.disposition}`,
        { field: 'reasonCode', disposition: input.disposition },
      );
    }
    const related = [...new Set(input.relatedAlertIds ?? [])].filter((id) => id !== alertId);
    return this.transactions.run(
      async (tx) => {
        if (!UUID.test(alertId) || related.some((id) => !UUID.test(id))) throw notFound();
        const locked = await this.alerts.findByIdsForUpdate(tx, tenantId, [alertId, ...related]);
        const byId = new Map(locked.map((a) => [a.id, a]));
        const main = byId.get(alertId);
        if (!main) throw notFound();
        if (main.status !== 'claimed' || main.assigneeId !== worker.userId) {
          throw new CasesError('cases/alert_not_held', 'conflict', 'Claim the alert before disposing of it', {
            status: main.status,
          });
        }
        const missing = related.filter((id) => !byId.has(id));
        if (missing.length > 0) {
          throw new CasesError('cases/alert_not_found', 'not_found', 'A related alert does not exist', {
            alertIds: missing,
          });
        }
        const others = related.map((id) => byId.get(id) as CaseAlertEntity);
        for (const other of others) this.checkWorkable(other, worker.userId);
        const now = new Date();
        const actor = actorOf(worker);
        const closed: CaseAlertEntity[] = [];
        for (const alert of [main, ...others]) {
          await this.alerts.dispose(tx, tenantId, alert.id, {
            status: 'closed',
            disposition: input.disposition,
            reasonCode: input.reasonCode,
            note: input.note ?? null,
            by: worker.userId,
            caseId: null,
            at: now,
          });
          const writeBack = await this.sources.writeBack(
            tx,
            alert,
            actor,
            input.disposition,
            input.reasonCode,
            input.note ?? null,
          );
          await this.record(tx, tenantId, actor, alert, 'disposed', {
            disposition: input.disposition,
            reasonCode: input.reasonCode,
            note: input.note ?? null,
            writeBack,
            ...(alert.id === main.id ? { relatedAlertIds: related } : { closedWith: main.id }),
          });
          closed.push((await this.alerts.findById(tx, tenantId, alert.id)) ?? alert);
        }
        return closed;
      },
      { tenantId },
    );
  }

  /**
   * Escalation into case `caseId` (H2 calls it inside the case's transaction): every alert must exist in the tenant
   * and be open or claimed (claimed by the actor, or unclaimed); sets status 'escalated', case_id, disposition
   * 'true_positive' with reason_code 'escalated_to_case', writes the disposition back to its source, events + audit.
   */
  async escalateInTx(
    tx: Tx,
    tenantId: string,
    actor: AuditActor,
    alertIds: readonly string[],
    caseId: string,
  ): Promise<void> {
    const ids = [...new Set(alertIds)];
    if (ids.some((id) => !UUID.test(id))) throw notFound();
    const locked = await this.alerts.findByIdsForUpdate(tx, tenantId, ids);
    if (locked.length !== ids.length) {
      const found = new Set(locked.map((a) => a.id));
      throw new CasesError('cases/alert_not_found', 'not_found', 'An alert to escalate does not exist', {
        alertIds: ids.filter((id) => !found.has(id)),
      });
    }
    for (const alert of locked) this.checkWorkable(alert, actor.type === 'user' ? actor.id : null);
    const now = new Date();
    for (const alert of locked) {
      await this.alerts.dispose(tx, tenantId, alert.id, {
        status: 'escalated',
        disposition: 'true_positive',
        reasonCode: ESCALATED_TO_CASE,
        note: null,
        by: actor.type === 'user' ? actor.id : null,
        caseId,
        at: now,
      });
      const writeBack = await this.sources.writeBack(
        tx,
        alert,
        actor,
        'true_positive',
        ESCALATED_TO_CASE,
        `case ${caseId}`,
      );
      await this.record(tx, tenantId, actor, alert, 'escalated', { caseId, writeBack });
    }
  }

  /**
   * Marks every alert past its SLA due time once: sla_breached_at, escalation_level + 1, priority one step up (not
   * above critical), event and audit entry, in batches of their own transactions. The update is conditional on
   * sla_breached_at being null and rows are locked with SKIP LOCKED, so a run that crashes midway and runs again (or
   * two workers at once) escalates no alert twice. Answers how many it escalated.
   */
  async escalateBreaches(tenantId: string, options: SlaScanOptions = {}): Promise<number> {
    const now = options.now ?? new Date();
    const batchSize = options.batchSize ?? 100;
    let total = 0;
    for (;;) {
      const escalated = await TenantContext.run(tenantId, () =>
        this.transactions.run(
          async (tx) => {
            const due = await this.alerts.findBreachable(tx, tenantId, now, batchSize);
            const done: string[] = [];
            for (const alert of due) {
              const priority = bumpPriority(alert.priority);
              if (
                !(await this.alerts.markBreached(tx, tenantId, alert.id, {
                  priority,
                  priorityRank: priorityRank(priority),
                  at: now,
                }))
              ) {
                continue;
              }
              await this.record(tx, tenantId, SLA_ACTOR, alert, 'sla_breached', {
                slaDueAt: alert.slaDueAt.toISOString(),
                escalationLevel: alert.escalationLevel + 1,
                priorityBefore: alert.priority,
                priority,
                queueId: alert.queueId,
              });
              done.push(alert.id);
            }
            return { done, found: due.length };
          },
          { tenantId },
        ),
      );
      total += escalated.done.length;
      options.afterBatch?.(escalated.done);
      if (escalated.found < batchSize) return total;
    }
  }

  /** Releases claims idle for longer than their queue's idle_claim_minutes. Answers how many it released. */
  releaseIdle(tenantId: string, now: Date = new Date()): Promise<number> {
    return TenantContext.run(tenantId, () =>
      this.transactions.run(
        async (tx) => {
          const idle = await this.alerts.findIdleClaims(tx, tenantId, now, 500);
          for (const alert of idle) {
            await this.alerts.release(tx, tenantId, alert.id, now);
            await this.record(tx, tenantId, SLA_ACTOR, alert, 'released_idle', {
              previousAssigneeId: alert.assigneeId,
              idleSince: alert.lastActivityAt.toISOString(),
            });
          }
          return idle.length;
        },
        { tenantId },
      ),
    );
  }

  private checkWorkable(alert: CaseAlertEntity, userId: string | null): void {
    const workable =
      alert.status === 'open' ||
      (alert.status === 'claimed' && (alert.assigneeId === null || alert.assigneeId === userId));
    if (!workable) {
      throw new CasesError(
        'cases/alert_not_workable',
        'conflict',
        `Alert ${alert.reference} is ${alert.status === 'claimed' ? 'held by someone else' : alert.status}`,
        { alertId: alert.id, status: alert.status },
      );
    }
  }

  /** The timeline event and the audit entry (`cases.alert.<action>`) of one step, in the step's transaction. */
  private async record(
    tx: Tx,
    tenantId: string,
    actor: AuditActor,
    alert: CaseAlertEntity,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.alerts.addEvent(tx, {
      tenantId,
      alertId: alert.id,
      actor: `${actor.type}:${actor.id}`,
      action,
      details,
    });
    await this.ledger.record(tx, {
      tenantId,
      actor,
      action: `cases.alert.${action}`,
      subject: { type: 'alert', id: alert.id },
      payload: { reference: alert.reference, type: alert.type, sourceId: alert.sourceId, ...details },
    });
  }
}
