import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor, type AuditPayload } from '@domains/audit';
import { UserRepository, roleGrants } from '@domains/identity';
import { CasesError } from '../cases.errors.js';
import type { CaseQueueEntity, QueueAssignment, QueueRouting, QueueSlaMinutes } from './case-queue.entity.js';
import { CaseQueueRepository, type NewCaseQueue, type QueueCounts } from './case-queue.repository.js';

export interface QueueInput {
  readonly name?: string;
  readonly description?: string | null;
  readonly position?: number;
  readonly routing?: QueueRouting;
  readonly assignment?: QueueAssignment;
  readonly memberIds?: readonly string[];
  readonly slaMinutes?: QueueSlaMinutes;
  readonly idleClaimMinutes?: number;
}

export interface QueueWithCounts {
  readonly queue: CaseQueueEntity;
  readonly counts: Omit<QueueCounts, 'queueId'>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Alert queues: the tenant's defaults (created lazily), listing with counts, and configuration changes (audited). */
@Injectable()
export class CaseQueueService {
  constructor(
    private readonly queues: CaseQueueRepository,
    private readonly users: UserRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
    private readonly config: AppConfig,
  ) {}

  /**
   * The tenant's queues in routing order, creating the defaults first when it has none: one per alert type (positions
   * 10–40) and a catch-all last, all manually assigned, with CASES_DEFAULT_SLA_MINUTES and CASES_IDLE_CLAIM_MINUTES.
   */
  async ensureDefaults(tx: Tx, tenantId: string): Promise<CaseQueueEntity[]> {
    const existing = await this.queues.listOrdered(tx, tenantId);
    if (existing.length > 0) return existing;
    await this.queues.lockTenantQueues(tx, tenantId);
    const again = await this.queues.listOrdered(tx, tenantId);
    if (again.length > 0) return again;
    const base = {
      assignment: 'manual' as const,
      memberIds: [],
      slaMinutes: { ...this.config.values.CASES_DEFAULT_SLA_MINUTES },
      idleClaimMinutes: this.config.values.CASES_IDLE_CLAIM_MINUTES,
    };
    const defaults: NewCaseQueue[] = [
      {
        ...base,
        name: 'Transaction alerts',
        description: 'Review and block decisions',
        position: 10,
        routing: { types: ['transaction'] },
      },
      {
        ...base,
        name: 'Sanctions and PEP hits',
        description: 'Screening hits',
        position: 20,
        routing: { types: ['screening_hit'] },
      },
      {
        ...base,
        name: 'KYC reviews',
        description: 'Periodic and manual customer reviews',
        position: 30,
        routing: { types: ['kyc_review'] },
      },
      {
        ...base,
        name: 'Case deadlines',
        description: 'Regulatory report reminders and overdue cases',
        position: 40,
        routing: { types: ['case_deadline'] },
      },
      { ...base, name: 'Catch-all', description: 'Everything no other queue takes', position: 1000, routing: {} },
    ];
    for (const q of defaults) await this.queues.insert(tx, tenantId, q);
    await this.ledger.record(tx, {
      tenantId,
      actor: { type: 'system', id: 'cases.queues' },
      action: 'cases.queue.defaults_created',
      subject: { type: 'tenant', id: tenantId },
      payload: { names: defaults.map((q) => q.name) },
    });
    return this.queues.listOrdered(tx, tenantId);
  }

  list(tenantId: string): Promise<QueueWithCounts[]> {
    return this.transactions.run(
      async (tx) => {
        const queues = await this.ensureDefaults(tx, tenantId);
        const counts = new Map((await this.queues.counts(tx, tenantId)).map((c) => [c.queueId, c]));
        return queues.map((queue) => ({
          queue,
          counts: {
            open: counts.get(queue.id)?.open ?? 0,
            claimed: counts.get(queue.id)?.claimed ?? 0,
            breached: counts.get(queue.id)?.breached ?? 0,
          },
        }));
      },
      { tenantId },
    );
  }

  async create(tenantId: string, actor: AuditActor, input: QueueInput): Promise<CaseQueueEntity> {
    if (input.name === undefined || input.name.trim() === '') {
      throw new CasesError('cases/queue_invalid', 'invalid', 'A queue needs a name');
    }
    await this.checkMembers(tenantId, input.memberIds ?? []);
    return this.transactions.run(
      async (tx) => {
        await this.ensureDefaults(tx, tenantId);
        const name = input.name?.trim() ?? '';
        await this.checkNameFree(tx, tenantId, name, null);
        const queue: NewCaseQueue = {
          name,
          description: input.description ?? null,
          position: input.position ?? 500,
          routing: normaliseRouting(input.routing ?? {}),
          assignment: input.assignment ?? 'manual',
          memberIds: [...new Set(input.memberIds ?? [])],
          slaMinutes: input.slaMinutes ?? { ...this.config.values.CASES_DEFAULT_SLA_MINUTES },
          idleClaimMinutes: input.idleClaimMinutes ?? this.config.values.CASES_IDLE_CLAIM_MINUTES,
        };
        checkSla(queue.slaMinutes);
        const saved = await this.queues.insert(tx, tenantId, queue);
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'cases.queue.created',
          subject: { type: 'alert_queue', id: saved.id },
          payload: toPayload(queue),
        });
        return saved;
      },
      { tenantId },
    );
  }

  async update(tenantId: string, actor: AuditActor, id: string, input: QueueInput): Promise<CaseQueueEntity> {
    if (input.memberIds) await this.checkMembers(tenantId, input.memberIds);
    return this.transactions.run(
      async (tx) => {
        const current = UUID.test(id) ? await this.queues.findByIdForUpdate(tx, tenantId, id) : null;
        if (!current) throw new CasesError('cases/queue_not_found', 'not_found', 'No such alert queue');
        const changes: { -readonly [K in keyof NewCaseQueue]?: NewCaseQueue[K] } = {};
        if (input.name !== undefined) {
          const name = input.name.trim();
          if (name === '') throw new CasesError('cases/queue_invalid', 'invalid', 'A queue needs a name');
          await this.checkNameFree(tx, tenantId, name, id);
          changes.name = name;
        }
        if (input.description !== undefined) changes.description = input.description;
        if (input.position !== undefined) changes.position = input.position;
        if (input.routing !== undefined) changes.routing = normaliseRouting(input.routing);
        if (input.assignment !== undefined) changes.assignment = input.assignment;
        if (input.memberIds !== undefined) changes.memberIds = [...new Set(input.memberIds)];
        if (input.slaMinutes !== undefined) {
          checkSla(input.slaMinutes);
          changes.slaMinutes = input.slaMinutes;
        }
        if (input.idleClaimMinutes !== undefined) changes.idleClaimMinutes = input.idleClaimMinutes;
        await this.queues.update(tx, tenantId, id, changes);
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'cases.queue.updated',
          subject: { type: 'alert_queue', id },
          payload: { changes: toPayload(changes) },
        });
        const updated = await this.queues.findById(tx, tenantId, id);
        if (!updated) throw new CasesError('cases/queue_not_found', 'not_found', 'No such alert queue');
        return updated;
      },
      { tenantId },
    );
  }

  private async checkNameFree(tx: Tx, tenantId: string, name: string, except: string | null): Promise<void> {
    const other = await this.queues.findByName(tx, tenantId, name);
    if (other && other.id !== except) {
      throw new CasesError('cases/queue_name_taken', 'conflict', `Another queue is named "${name}"`, { name });
    }
  }

  /** Every member must be an enabled user of the tenant whose roles grant alerts:work. */
  private async checkMembers(tenantId: string, memberIds: readonly string[]): Promise<void> {
    if (memberIds.length === 0) return;
    const users = new Map((await this.users.listByTenant(tenantId)).map((u) => [u.id, u]));
    const invalid = memberIds.filter((id) => {
      const user = users.get(id);
      return !user || user.disabledAt !== null || !user.roles.some((r) => roleGrants(r, 'alerts:work'));
    });
    if (invalid.length > 0) {
      throw new CasesError(
        'cases/queue_member_invalid',
        'unprocessable',
        'Queue members must be active users of the tenant who may work alerts (alerts:work)',
        { memberIds: invalid },
      );
    }
  }
}

function checkSla(sla: QueueSlaMinutes): void {
  for (const p of ['critical', 'high', 'medium', 'low'] as const) {
    if (!Number.isInteger(sla[p]) || sla[p] < 1) {
      throw new CasesError('cases/queue_invalid', 'invalid', `slaMinutes.${p} must be a whole number of minutes > 0`, {
        field: `slaMinutes.${p}`,
      });
    }
  }
}

function normaliseRouting(routing: QueueRouting): QueueRouting {
  return {
    ...(routing.types && routing.types.length > 0 ? { types: [...new Set(routing.types)] } : {}),
    ...(routing.minPriority ? { minPriority: routing.minPriority } : {}),
    ...(routing.segments && routing.segments.length > 0 ? { segments: [...new Set(routing.segments)] } : {}),
  };
}

/** The JSON form of a plain value, as the audit ledger stores it. */
function toPayload(value: unknown): AuditPayload {
  return JSON.parse(JSON.stringify(value)) as AuditPayload;
}
