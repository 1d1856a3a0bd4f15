import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { UserRepository } from '@domains/identity';
import { CasesError } from '../cases.errors.js';
import { CaseQueueRepository } from '../queue/case-queue.repository.js';
import type { AlertDetailDto, AlertItemDto, AlertListQueryDto, AlertPageDto } from './alert.dto.js';
import type { CaseAlertEntity } from './case-alert.entity.js';
import { CaseAlertRepository } from './case-alert.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads of the alert queues: the filtered list and one alert with its timeline and related alerts. */
@Injectable()
export class AlertQueryService {
  constructor(
    private readonly alerts: CaseAlertRepository,
    private readonly queues: CaseQueueRepository,
    private readonly users: UserRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async list(tenantId: string, callerId: string | null, query: AlertListQueryDto): Promise<AlertPageDto> {
    const sort = query.sort ?? 'priority';
    const assignee =
      query.assignee === undefined
        ? undefined
        : query.assignee === 'none'
          ? null
          : query.assignee === 'me'
            ? (callerId ?? '00000000-0000-0000-0000-000000000000')
            : query.assignee;
    const page = await this.transactions.run(
      (tx) =>
        this.alerts.list(tx, tenantId, {
          ...(query.queueId ? { queueId: query.queueId } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.type ? { type: query.type } : {}),
          ...(assignee !== undefined ? { assigneeId: assignee } : {}),
          ...(query.priority ? { priority: query.priority } : {}),
          ...(query.breached !== undefined ? { breached: query.breached } : {}),
          ...(query.customerId ? { customerId: query.customerId } : {}),
          sort,
          order: query.order ?? (sort === 'createdAt' ? 'desc' : 'asc'),
          limit: query.limit ?? 50,
          offset: query.offset ?? 0,
        }),
      { tenantId },
    );
    return { items: await this.toItems(tenantId, page.items), total: page.total };
  }

  async get(tenantId: string, id: string): Promise<AlertDetailDto> {
    const found = await this.transactions.run(
      async (tx) => {
        const alert = UUID.test(id) ? await this.alerts.findById(tx, tenantId, id) : null;
        if (!alert) throw new CasesError('cases/alert_not_found', 'not_found', 'No such alert');
        return {
          alert,
          events: await this.alerts.events(tx, tenantId, id),
          related: await this.alerts.related(tx, tenantId, alert, 50),
        };
      },
      { tenantId },
    );
    const [item, ...related] = await this.toItems(tenantId, [found.alert, ...found.related]);
    return {
      ...item,
      details: found.alert.details,
      dispositionNote: found.alert.dispositionNote,
      disposedAt: found.alert.disposedAt?.toISOString() ?? null,
      disposedBy: found.alert.disposedBy,
      events: found.events.map((e) => ({
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action,
        details: e.details,
      })),
      related,
    };
  }

  /** List items with queue names and assignee display names. */
  async toItems(tenantId: string, alerts: readonly CaseAlertEntity[]): Promise<AlertItemDto[]> {
    if (alerts.length === 0) return [];
    const queues = new Map(
      (await this.transactions.run((tx) => this.queues.listOrdered(tx, tenantId), { tenantId })).map((q) => [
        q.id,
        q.name,
      ]),
    );
    const names = alerts.some((a) => a.assigneeId)
      ? new Map((await this.users.listByTenant(tenantId)).map((u) => [u.id, u.displayName]))
      : new Map<string, string>();
    return alerts.map((a) => ({
      id: a.id,
      reference: a.reference,
      type: a.type,
      title: a.title,
      subject: { type: a.subjectType, id: a.subjectId, label: a.subjectLabel },
      customerId: a.customerId,
      transactionId: a.transactionId,
      priority: a.priority,
      score: a.score,
      queue: { id: a.queueId, name: queues.get(a.queueId) ?? '' },
      status: a.status,
      assignee: a.assigneeId ? { id: a.assigneeId, displayName: names.get(a.assigneeId) ?? null } : null,
      slaDueAt: a.slaDueAt.toISOString(),
      slaBreachedAt: a.slaBreachedAt?.toISOString() ?? null,
      escalationLevel: a.escalationLevel,
      disposition: a.disposition,
      reasonCode: a.reasonCode,
      caseId: a.caseId,
      createdAt: a.createdAt.toISOString(),
    }));
  }
}
