import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { AlertIntakeService, AlertWorkflowService } from '@domains/cases';
import { TenantRepository } from '@domains/identity';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface AlertItem {
  id: string;
  reference: string;
  type: string;
  status: string;
  priority: string;
  transactionId: string | null;
  customerId: string | null;
  subject: { type: string; id: string; label: string };
  queue: { id: string; name: string };
  assignee: { id: string; displayName: string | null } | null;
  disposition: string | null;
  reasonCode: string | null;
}

interface Problem {
  status: number;
  code: string;
}

/** A rule set that sends every wire above 5,000 to review. */
const REVIEW_RULES = {
  rules: [
    {
      name: 'large-wire',
      conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 5000 }] },
      event: { type: 'large', params: { message: 'Wire above 5,000 USD', action: 'review', weight: 0.3 } },
    },
  ],
  thresholds: { review: 0.5, block: 0.9 },
};

describe('alerts: intake, queues, claims and dispositions (composed api over real HTTP)', () => {
  let api: TestApi;
  let machine: HttpAgent;
  let admin: TestSession;
  let analyst: TestSession;
  let other: TestSession;
  let key: string;
  let tenantId: string;
  const customerId = `c-${randomUUID()}`;

  const send = (body: Record<string, unknown>): Promise<Response> =>
    machine.request('POST', '/v1/transactions', {
      body,
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
    });

  const wire = (value: number): Record<string, unknown> => ({
    id: `t-${randomUUID()}`,
    customerId,
    accountId: `a-${customerId}`,
    direction: 'out',
    channel: 'wire',
    amount: { value, currency: 'USD' },
    bookedAt: '2026-11-21T10:00:00Z',
    counterparty: { name: 'Acme Trading LLC', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', country: 'DE' },
  });

  async function reviewedTransaction(): Promise<string> {
    const res = await send(wire(980_000));
    expect(res.status).toBe(201);
    const decided = (await res.json()) as { transactionId: string; decision: string };
    expect(decided.decision).toBe('review');
    return decided.transactionId;
  }

  const intake = (): Promise<{ raised: number; closedFromSource: number }> =>
    api.app.get(AlertIntakeService).runOnce(tenantId);

  const sql = <T>(query: string, params: unknown[] = []): Promise<T[]> =>
    api.app.get(TransactionRunner).run<T[]>((t) => t.query(query, params), { tenantId });

  beforeAll(async () => {
    api = await startTestApi();
    machine = new HttpAgent(api.baseUrl);
    admin = await api.session(['admin']);
    const created = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    expect(created.status).toBe(201);
    key = ((await created.json()) as { key: string }).key;
    tenantId = (await api.app.get(TenantRepository).findBySlug(admin.tenantSlug))!.id;
    await sql(
      `INSERT INTO monitoring_rule_sets (tenant_id, name, version, status, document, content_hash, published_at)
         VALUES ($1, 'e2e', 1, 'published', $2, repeat('0', 64), now())`,
      [tenantId, JSON.stringify(REVIEW_RULES)],
    );
    analyst = await api.sessionInTenant(admin.tenantSlug, ['analyst']);
    other = await api.sessionInTenant(admin.tenantSlug, ['analyst']);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('turns review decisions into queued alerts once, then claims and disposes them with write-back', async () => {
    const first = await reviewedTransaction();
    const second = await reviewedTransaction();

    expect(await intake()).toEqual({ raised: 2, closedFromSource: 0 });
    expect((await intake()).raised).toBe(0);

    const listed = await analyst.agent.get('/v1/alerts?type=transaction&status=open');
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as { items: AlertItem[]; total: number };
    expect(page.total).toBe(2);
    expect(page.items.map((a) => a.transactionId).sort()).toEqual([first, second].sort());
    for (const item of page.items) {
      expect(item).toMatchObject({
        type: 'transaction',
        status: 'open',
        assignee: null,
        queue: { name: 'Transaction alerts' },
        subject: { type: 'customer', label: customerId },
      });
      expect(item.reference).toMatch(/^ALR-\d{6}$/);
    }
    const [main, related] = page.items;

    // Disposition needs a claim first.
    const unclaimed = await analyst.agent.post(`/v1/alerts/${main.id}/disposition`, {
      disposition: 'false_positive',
      reasonCode: 'fp_legitimate_activity',
    });
    expect(unclaimed.status).toBe(409);
    expect(((await unclaimed.json()) as Problem).code).toBe('cases/alert_not_held');

    const claimed = await analyst.agent.post(`/v1/alerts/${main.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(((await claimed.json()) as AlertItem).status).toBe('claimed');
    const taken = await other.agent.post(`/v1/alerts/${main.id}/claim`);
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as Problem).code).toBe('cases/alert_already_claimed');

    // Bad reason codes: unknown, and one of the other disposition.
    for (const reasonCode of ['fp_because', 'tp_fraud']) {
      const bad = await analyst.agent.post(`/v1/alerts/${main.id}/disposition`, {
        disposition: 'false_positive',
        reasonCode,
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as Problem).code).toBe('cases/reason_code_invalid');
    }
    const malformed = await analyst.agent.post(`/v1/alerts/${main.id}/disposition`, {
      disposition: 'maybe',
      reasonCode: 'fp_other',
    });
    expect(malformed.status).toBe(400);
    expect(((await (await analyst.agent.get(`/v1/alerts/${main.id}`)).json()) as AlertItem).status).toBe('claimed');

    const disposed = await analyst.agent.post(`/v1/alerts/${main.id}/disposition`, {
      disposition: 'false_positive',
      reasonCode: 'fp_legitimate_activity',
      note: 'Known supplier, invoice on file',
      relatedAlertIds: [related.id],
    });
    expect(disposed.status).toBe(200);
    const { closed } = (await disposed.json()) as { closed: AlertItem[] };
    expect(closed.map((a) => [a.id, a.status, a.disposition, a.reasonCode])).toEqual([
      [main.id, 'closed', 'false_positive', 'fp_legitimate_activity'],
      [related.id, 'closed', 'false_positive', 'fp_legitimate_activity'],
    ]);

    // Written back to the monitoring alerts (the backtests' labels) in the same transaction.
    const sources = await sql<{ transaction_id: string; status: string; disposition: string }>(
      `SELECT transaction_id, status, disposition FROM monitoring_alerts ORDER BY transaction_id`,
    );
    expect(sources).toEqual(
      [first, second]
        .sort()
        .map((transaction_id) => ({ transaction_id, status: 'closed', disposition: 'false_positive' })),
    );

    const detail = (await (await analyst.agent.get(`/v1/alerts/${main.id}`)).json()) as AlertItem & {
      events: { action: string; actor: string }[];
    };
    expect(detail.events.map((e) => e.action)).toEqual(['raised', 'claimed', 'disposed']);
    const audited = await sql<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_entries WHERE action LIKE 'cases.alert.%' GROUP BY action ORDER BY action`,
    );
    expect(audited).toEqual([
      { action: 'cases.alert.claimed', n: 1 },
      { action: 'cases.alert.disposed', n: 2 },
      { action: 'cases.alert.raised', n: 2 },
    ]);
    // A closed alert is not claimable again.
    expect((await other.agent.post(`/v1/alerts/${main.id}/claim`)).status).toBe(409);
  });

  it('claims the next alert of a queue, and says when the queue is empty', async () => {
    await reviewedTransaction();
    await intake();
    const queues = (await (await analyst.agent.get('/v1/alert-queues')).json()) as {
      id: string;
      name: string;
      counts: { open: number; claimed: number };
    }[];
    const queue = queues.find((q) => q.name === 'Transaction alerts');
    expect(queue?.counts.open).toBeGreaterThanOrEqual(1);
    let claimedCount = 0;
    for (;;) {
      const next = await other.agent.post(`/v1/alert-queues/${queue!.id}/claim-next`);
      if (next.status === 404) {
        expect(((await next.json()) as Problem).code).toBe('cases/queue_empty');
        break;
      }
      expect(next.status).toBe(200);
      const alert = (await next.json()) as AlertItem;
      expect(alert.status).toBe('claimed');
      claimedCount += 1;
      // The holder may give it back; an analyst who does not hold it may not.
      if (claimedCount === 1) {
        expect((await analyst.agent.post(`/v1/alerts/${alert.id}/release`)).status).toBe(409);
        const released = await other.agent.post(`/v1/alerts/${alert.id}/release`);
        expect(((await released.json()) as AlertItem).status).toBe('open');
        expect((await other.agent.post(`/v1/alerts/${alert.id}/claim`)).status).toBe(200);
      }
    }
    expect(claimedCount).toBe(queue!.counts.open);
    const mine = (await (await other.agent.get('/v1/alerts?assignee=me&status=claimed')).json()) as { total: number };
    expect(mine.total).toBe(claimedCount);
    // `active` is the work still to do, open and claimed together, counted and paged by the api.
    const active = (await (await other.agent.get('/v1/alerts?assignee=me&status=active&limit=1')).json()) as {
      total: number;
      items: AlertItem[];
    };
    expect(active.total).toBe(claimedCount);
    expect(active.items.every((a) => a.status === 'open' || a.status === 'claimed')).toBe(true);
  });

  it('configures queues with validation and routes new alerts by position', async () => {
    const officer = await api.sessionInTenant(admin.tenantSlug, ['compliance_officer']);
    const badSla = await officer.agent.post('/v1/alert-queues', {
      name: 'Urgent wires',
      slaMinutes: { critical: 0, high: 10, medium: 10, low: 10 },
    });
    expect(badSla.status).toBe(400);
    const stranger = await officer.agent.post('/v1/alert-queues', { name: 'Urgent wires', memberIds: [randomUUID()] });
    expect(stranger.status).toBe(422);
    expect(((await stranger.json()) as Problem).code).toBe('cases/queue_member_invalid');
    expect((await analyst.agent.post('/v1/alert-queues', { name: 'Mine' })).status).toBe(403);

    const session = (await (await other.agent.get('/v1/auth/session')).json()) as { user: { id: string } };
    const memberId = session.user.id;
    const created = await officer.agent.post('/v1/alert-queues', {
      name: 'Urgent wires',
      position: 1,
      routing: { types: ['transaction'] },
      assignment: 'round_robin',
      memberIds: [memberId],
    });
    expect(created.status).toBe(201);
    const queue = (await created.json()) as { id: string };
    expect((await officer.agent.post('/v1/alert-queues', { name: 'Urgent wires' })).status).toBe(409);

    await reviewedTransaction();
    await intake();
    const routed = (await (await analyst.agent.get(`/v1/alerts?queueId=${queue.id}`)).json()) as {
      items: AlertItem[];
    };
    expect(routed.items).toHaveLength(1);
    expect(routed.items[0]).toMatchObject({ status: 'claimed', assignee: { id: memberId } });

    const renamed = await officer.agent.request('PATCH', `/v1/alert-queues/${queue.id}`, {
      body: { name: 'Urgent wires (US)' },
    });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { name: string }).name).toBe('Urgent wires (US)');
  });

  it('escalates SLA breaches, shows them in the list and counts them in the metrics', async () => {
    await reviewedTransaction();
    await intake();
    const [late] = await sql<{ id: string }>(
      `SELECT id FROM case_alerts WHERE status IN ('open', 'claimed') ORDER BY created_at DESC LIMIT 1`,
    );
    await sql(`UPDATE case_alerts SET sla_due_at = now() - interval '1 minute' WHERE id = $1`, [late.id]);
    expect(await api.app.get(AlertWorkflowService).escalateBreaches(tenantId)).toBe(1);
    const breached = (await (await analyst.agent.get('/v1/alerts?breached=true')).json()) as {
      items: (AlertItem & { escalationLevel: number; slaBreachedAt: string | null })[];
    };
    expect(breached.items.map((a) => [a.id, a.escalationLevel, a.slaBreachedAt !== null])).toEqual([
      [late.id, 1, true],
    ]);
    const metrics = await (await machine.get('/metrics')).text();
    expect(metrics).toMatch(/^verity_alert_sla_breaches_total\{queue="[^"]+",priority="[a-z]+"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^verity_alerts_open\{queue="Transaction alerts"\} [1-9]\d*$/m);
  });

  it('keeps alerts to their tenant and their roles', async () => {
    const [alert] = await sql<{ id: string }>(`SELECT id FROM case_alerts LIMIT 1`);
    const outsider = await api.session(['analyst']);
    expect((await outsider.agent.get(`/v1/alerts/${alert.id}`)).status).toBe(404);
    const claim = await outsider.agent.post(`/v1/alerts/${alert.id}/claim`);
    expect(claim.status).toBe(404);
    expect(((await claim.json()) as Problem).code).toBe('cases/alert_not_found');
    expect((await outsider.agent.get('/v1/alerts?type=transaction')).status).toBe(200);
    const auditor = await api.sessionInTenant(admin.tenantSlug, ['auditor']);
    expect((await auditor.agent.get('/v1/alerts')).status).toBe(200);
    expect((await auditor.agent.post(`/v1/alerts/${alert.id}/claim`)).status).toBe(403);
  });
});
