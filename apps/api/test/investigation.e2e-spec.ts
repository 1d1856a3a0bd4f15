import { randomUUID } from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { HttpAgent } from '@platform/testing';
import { AlertIntakeService } from '@domains/cases';
import { TenantRepository } from '@domains/identity';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface GraphBody {
  nodes: { id: string; kind: string; label: string; isSubject: boolean; hop: number; risk?: string }[];
  edges: { from: string; to: string; count: number; totalMinor: string; currency: string }[];
  truncated: boolean;
  nodeCap: number;
}

/** A valid IBAN used as customer A's account reference, which customer B pays: the graph links the two customers. */
const ACCOUNT_A = 'GB82WEST12345698765432';
const ACME_IBAN = 'DE89370400440532013000';
const HOSTILE = '<script>alert(1)</script> Traders';

describe('investigations: customer at a glance, money-flow graph, dashboards (composed api over real HTTP)', () => {
  let api: TestApi;
  let machine: HttpAgent;
  let admin: TestSession;
  let customerA: string;
  let customerB: string;
  let acmePayments: string[];
  const days = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();

  beforeAll(async () => {
    api = await startTestApi();
    machine = new HttpAgent(api.baseUrl);
    admin = await api.session(['admin']);
    const created = await admin.agent.post('/v1/api-keys', { name: 'gateway', role: 'integration' });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const send = async (body: Record<string, unknown>): Promise<string> => {
      const res = await machine.request('POST', '/v1/transactions', {
        body: { channel: 'wire', ...body, id: `t-${randomUUID()}` },
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { transactionId: string }).transactionId;
    };
    const first = await send({
      customerId: 'cust-a',
      accountId: ACCOUNT_A,
      direction: 'out',
      amount: { value: 100000, currency: 'USD' },
      bookedAt: days(5),
      counterparty: { name: 'Acme Trading LLC', iban: ACME_IBAN, country: 'DE' },
    });
    const second = await send({
      customerId: 'cust-a',
      accountId: ACCOUNT_A,
      direction: 'out',
      amount: { value: 25050, currency: 'USD' },
      bookedAt: days(4),
      counterparty: { name: 'Acme Trading LLC', iban: ACME_IBAN, country: 'DE' },
    });
    await send({
      customerId: 'cust-a',
      accountId: ACCOUNT_A,
      direction: 'in',
      amount: { value: 7000, currency: 'USD' },
      bookedAt: days(3),
      counterparty: { name: HOSTILE },
    });
    await send({
      customerId: 'cust-b',
      accountId: 'acct-b',
      direction: 'out',
      amount: { value: 4000, currency: 'USD' },
      bookedAt: days(2),
      counterparty: { name: 'Acme', iban: ACME_IBAN },
    });
    await send({
      customerId: 'cust-b',
      accountId: 'acct-b',
      direction: 'out',
      amount: { value: 90000, currency: 'USD' },
      bookedAt: days(1),
      counterparty: { name: 'A. Customer', iban: ACCOUNT_A },
    });
    const idOf = async (ref: string): Promise<string> => {
      const res = await admin.agent.get(`/v1/customers?search=${ref}`);
      const { items } = (await res.json()) as { items: { id: string; externalRef: string }[] };
      const found = items.find((c) => c.externalRef === ref);
      expect(found).toBeDefined();
      return found!.id;
    };
    acmePayments = [first, second];
    customerA = await idOf('cust-a');
    customerB = await idOf('cust-b');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('shows a customer at a glance with its transactions, decisions, alerts and cases', async () => {
    const res = await admin.agent.get(`/v1/investigations/customers/${customerA}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      profile: { id: string; externalRef: string; riskRating: string; riskFactors: unknown[]; accounts: string[] };
      recentTransactions: { amountMinor: string; direction: string; counterpartyName: string; decision: string }[];
      transactionCount: number;
      alerts: unknown[];
      cases: unknown[];
    };
    expect(body.profile).toMatchObject({ id: customerA, externalRef: 'cust-a' });
    expect(body.profile.accounts).toContain(ACCOUNT_A);
    expect(body.transactionCount).toBe(3);
    expect(body.recentTransactions.map((t) => t.amountMinor)).toEqual(['7000', '25050', '100000']);
    expect(body.recentTransactions[0]).toMatchObject({ direction: 'in', counterpartyName: HOSTILE });
    for (const t of body.recentTransactions) expect(['allow', 'review', 'block']).toContain(t.decision);
    expect(Array.isArray(body.alerts)).toBe(true);
    expect(Array.isArray(body.cases)).toBe(true);
  });

  it('builds the flow graph around a customer with correct sums and directions, then one hop further', async () => {
    const one = await admin.agent.get(
      `/v1/investigations/flow-graph?subjectType=customer&subjectId=${customerA}&hops=1`,
    );
    expect(one.status).toBe(200);
    const g1 = (await one.json()) as GraphBody;
    expect(g1.nodes.find((n) => n.isSubject)).toMatchObject({ id: `customer:${customerA}`, kind: 'customer' });
    expect(g1.edges).toContainEqual(
      expect.objectContaining({
        from: `customer:${customerA}`,
        to: `counterparty:iban:${ACME_IBAN}`,
        count: 2,
        totalMinor: '125050',
        currency: 'USD',
      }),
    );
    expect(g1.edges).toContainEqual(
      expect.objectContaining({ to: `customer:${customerA}`, count: 1, totalMinor: '7000' }),
    );
    // B paid into A's account: one edge away, drawn as customer to customer.
    expect(g1.edges).toContainEqual(
      expect.objectContaining({ from: `customer:${customerB}`, to: `customer:${customerA}`, totalMinor: '90000' }),
    );
    expect(g1.edges.some((e) => e.from === `customer:${customerB}` && e.to.startsWith('counterparty:'))).toBe(false);
    expect(g1.edges).toHaveLength(3);

    const two = await admin.agent.get(
      `/v1/investigations/flow-graph?subjectType=customer&subjectId=${customerA}&hops=2`,
    );
    const g2 = (await two.json()) as GraphBody;
    // One hop further: B's other payments, to the same Acme IBAN.
    expect(g2.edges).toContainEqual(
      expect.objectContaining({
        from: `customer:${customerB}`,
        to: `counterparty:iban:${ACME_IBAN}`,
        totalMinor: '4000',
      }),
    );
    expect(g2.nodeCap).toBe(150);
  });

  it('draws the graph as SVG, with payment-data labels escaped', async () => {
    const res = await admin.agent.get(`/v1/investigations/flow-graph.svg?subjectType=customer&subjectId=${customerA}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses bad graph parameters and keeps tenants apart', async () => {
    const base = `/v1/investigations/flow-graph?subjectType=customer&subjectId=${customerA}`;
    expect((await admin.agent.get(`${base}&hops=4`)).status).toBe(400);
    expect((await admin.agent.get(`/v1/investigations/flow-graph?subjectType=planet&subjectId=x`)).status).toBe(400);
    const reversed = await admin.agent.get(`${base}&from=${days(1)}&to=${days(2)}`);
    expect(reversed.status).toBe(400);
    expect(reversed.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await reversed.json()) as { code: string }).code).toBe('cases/window_invalid');

    const other = await api.session(['admin']);
    expect((await other.agent.get(`/v1/investigations/customers/${customerA}`)).status).toBe(404);
    const foreign = (await (await other.agent.get(`${base}&hops=3`)).json()) as GraphBody;
    expect(foreign.edges).toEqual([]);
    expect(foreign.nodes).toHaveLength(1);
  });

  it('answers the dashboards with every series and refuses a bad window', async () => {
    const res = await admin.agent.get('/v1/dashboards/alerts');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { days: string[]; slaBreachesPerDay: unknown[] };
    for (const key of [
      'volumesByType',
      'volumesByQueue',
      'slaBreachesPerDay',
      'slaBreachesByQueue',
      'falsePositiveRates',
      'timeToDisposition',
      'analystThroughput',
      'casesByStatus',
      'casesByReportDue',
    ]) {
      expect(body).toHaveProperty(key);
    }
    expect(body.days.length).toBeGreaterThanOrEqual(30);
    expect(body.slaBreachesPerDay).toHaveLength(body.days.length);
    expect(body.casesByReportDue).toEqual({ overdue: 0, within7Days: 0, within30Days: 0, later: 0 });

    const reversed = await admin.agent.get(`/v1/dashboards/alerts?from=${days(1)}&to=${days(2)}`);
    expect(reversed.status).toBe(400);
    expect(((await reversed.json()) as { code: string }).code).toBe('cases/window_invalid');
    expect((await admin.agent.get(`/v1/dashboards/alerts?from=${days(400)}`)).status).toBe(400);
    expect((await admin.agent.get('/v1/dashboards/alerts?queueId=nope')).status).toBe(400);
  });

  it('lists a case’s transactions with their decision reasons and draws the graph around the case', async () => {
    const analyst = await api.sessionInTenant(admin.tenantSlug, ['analyst']);
    const created = await analyst.agent.post('/v1/cases', {
      title: 'Acme payments',
      subjects: [{ type: 'customer', id: customerA, label: 'Customer A' }],
      transactionIds: acmePayments,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const res = await analyst.agent.get(`/v1/cases/${id}/transactions`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: {
        transactionId: string;
        amountMinor: string;
        decision: string;
        reasons: unknown[];
        topContributions: { contribution: number }[];
        counterparty: { iban?: string };
        alertReferences: string[];
      }[];
    };
    expect(body.items.map((t) => t.transactionId).sort()).toEqual([...acmePayments].sort());
    expect(body.items.map((t) => t.amountMinor).sort()).toEqual(['100000', '25050']);
    for (const t of body.items) {
      expect(['allow', 'review', 'block']).toContain(t.decision);
      expect(Array.isArray(t.reasons)).toBe(true);
      expect(t.topContributions.length).toBeLessThanOrEqual(8);
      expect(t.counterparty.iban).toBe(ACME_IBAN);
      expect(t.alertReferences).toEqual([]);
    }

    const graph = (await (await analyst.agent.get(`/v1/cases/${id}/flow-graph?hops=1`)).json()) as GraphBody;
    expect(graph.nodes.find((n) => n.isSubject)?.id).toBe(`customer:${customerA}`);
    expect(graph.edges).toContainEqual(
      expect.objectContaining({
        from: `customer:${customerA}`,
        to: `counterparty:iban:${ACME_IBAN}`,
        totalMinor: '125050',
      }),
    );
    const svg = await analyst.agent.get(`/v1/cases/${id}/flow-graph.svg`);
    expect(svg.status).toBe(200);
    expect(XMLValidator.validate(await svg.text())).toBe(true);

    const glance = (await (await analyst.agent.get(`/v1/investigations/customers/${customerA}`)).json()) as {
      cases: { id: string }[];
    };
    expect(glance.cases.map((c) => c.id)).toContain(id);
  });

  it('counts raised and disposed alerts in the dashboards and lists them on the customer', async () => {
    const tenantId = (await api.app.get(TenantRepository).findBySlug(admin.tenantSlug))!.id;
    const raise = (type: 'transaction' | 'kyc_review', customerId: string): Promise<string> =>
      api.app.get(TransactionRunner).run(
        async (tx) =>
          (
            await api.app.get(AlertIntakeService).raise(tx, {
              tenantId,
              type,
              sourceId: randomUUID(),
              subjectType: 'customer',
              subjectId: customerA,
              subjectLabel: 'Customer A',
              customerId,
              transactionId: null,
              title: `${type} alert`,
              priority: 'high',
              details: {},
            })
          ).alertId,
        { tenantId },
      );
    // Transaction alerts carry the provider's reference, KYC alerts the customer's id.
    const fp = await raise('transaction', 'cust-a');
    const tp = await raise('transaction', 'cust-a');
    await raise('kyc_review', customerA);

    const analyst = await api.sessionInTenant(admin.tenantSlug, ['analyst']);
    for (const [alertId, disposition, reasonCode] of [
      [fp, 'false_positive', 'fp_legitimate_activity'],
      [tp, 'true_positive', 'tp_suspicious_activity'],
    ] as const) {
      const claimed = await analyst.agent.post(`/v1/alerts/${alertId}/claim`);
      expect([200, 201, 204], await claimed.clone().text()).toContain(claimed.status);
      const disposed = await analyst.agent.post(`/v1/alerts/${alertId}/disposition`, { disposition, reasonCode });
      expect([200, 201, 204], await disposed.clone().text()).toContain(disposed.status);
    }

    const res = await admin.agent.get('/v1/dashboards/alerts');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      volumesByType: { type: string; total: number }[];
      volumesByQueue: { queueName: string; total: number }[];
      falsePositiveRates: { type: string; disposed: number; falsePositives: number; rate: number | null }[];
      timeToDisposition: { type: string; disposed: number; medianMinutes: number | null }[];
      analystThroughput: { displayName: string; total: number; perDay: { count: number }[] }[];
    };
    expect(Object.fromEntries(body.volumesByType.map((t) => [t.type, t.total]))).toEqual({
      transaction: 2,
      kyc_review: 1,
    });
    expect(body.volumesByQueue.reduce((sum, q) => sum + q.total, 0)).toBe(3);
    expect(body.falsePositiveRates).toContainEqual({ type: 'transaction', disposed: 2, falsePositives: 1, rate: 0.5 });
    expect(body.falsePositiveRates).toContainEqual({ type: 'all', disposed: 2, falsePositives: 1, rate: 0.5 });
    const speed = body.timeToDisposition.find((t) => t.type === 'transaction');
    expect(speed?.disposed).toBe(2);
    expect(speed?.medianMinutes).toBeGreaterThanOrEqual(0);
    const [user] = await api.app
      .get(TransactionRunner)
      .run<{ displayName: string }[]>(
        (tx) => tx.query(`SELECT display_name AS "displayName" FROM identity_users WHERE email = $1`, [analyst.email]),
        { tenantId },
      );
    expect(body.analystThroughput).toHaveLength(1);
    expect(body.analystThroughput[0]).toMatchObject({ displayName: user?.displayName, total: 2 });
    expect(body.analystThroughput[0]?.perDay.reduce((sum, d) => sum + d.count, 0)).toBe(2);

    const glance = (await (await admin.agent.get(`/v1/investigations/customers/${customerA}`)).json()) as {
      alertCount: number;
      alerts: { id: string; disposition: string | null }[];
    };
    expect(glance.alertCount).toBe(3);
    expect(glance.alerts.find((a) => a.id === fp)?.disposition).toBe('false_positive');
  });

  it('answers 404 for the transactions of a case that is not the tenant’s', async () => {
    const res = await admin.agent.get(`/v1/cases/${randomUUID()}/transactions`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('cases/case_not_found');
  });
});
