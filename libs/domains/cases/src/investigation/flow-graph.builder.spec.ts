import { describe, expect, it } from 'vitest';
import type { TransactionFlowRow } from '@domains/monitoring';
import {
  accountRefOfCounterpartyKey,
  buildFlowGraph,
  type FlowGraphSource,
  type FlowSubject,
} from './flow-graph.builder.js';

interface Txn {
  customer: string;
  account: string;
  direction: 'in' | 'out';
  key: string;
  name: string;
  minor: number;
  currency?: string;
  at: string;
}

/** An in-memory stand-in for monitoring's flow reader: aggregates like its SQL, largest totals first. */
function sourceOf(txns: Txn[], names: Record<string, string> = {}): FlowGraphSource & { calls: number } {
  const source = {
    calls: 0,
    flows(frontier: {
      customerRecordIds: readonly string[];
      accountIds: readonly string[];
      counterpartyKeys: readonly string[];
    }) {
      source.calls++;
      const groups = new Map<string, TransactionFlowRow>();
      for (const t of txns) {
        if (
          !frontier.customerRecordIds.includes(t.customer) &&
          !frontier.accountIds.includes(t.account) &&
          !frontier.counterpartyKeys.includes(t.key)
        ) {
          continue;
        }
        const currency = t.currency ?? 'EUR';
        const k = [t.customer, t.account, t.direction, t.key, currency].join('|');
        const g = groups.get(k);
        const at = new Date(t.at);
        groups.set(k, {
          customerRecordId: t.customer,
          customerRef: `ref-${t.customer}`,
          accountId: t.account,
          direction: t.direction,
          counterpartyKey: t.key,
          counterpartyName: t.name,
          currency,
          count: (g?.count ?? 0) + 1,
          totalMinor: String(BigInt(g?.totalMinor ?? '0') + BigInt(t.minor)),
          firstAt: g && g.firstAt < at ? g.firstAt : at,
          lastAt: g && g.lastAt > at ? g.lastAt : at,
        });
      }
      return Promise.resolve([...groups.values()].sort((a, b) => Number(BigInt(b.totalMinor) - BigInt(a.totalMinor))));
    },
    flowsToAccounts(refs: readonly string[]) {
      const keys = txns.filter((t) => refs.includes(accountRefOfCounterpartyKey(t.key) ?? '')).map((t) => t.key);
      const flows = source.flows({ customerRecordIds: [], accountIds: [], counterpartyKeys: keys });
      source.calls--; // only the owners' own flow queries are counted
      return flows;
    },
    accountOwners(refs: readonly string[]) {
      const owners = new Map<string, string>();
      for (const t of txns) if (refs.includes(t.account)) owners.set(t.account, t.customer);
      return Promise.resolve(owners);
    },
    customers(ids: readonly string[]) {
      return Promise.resolve(
        new Map(ids.filter((id) => names[id]).map((id) => [id, { label: names[id] ?? id, risk: 'high' }])),
      );
    },
  };
  return source;
}

const WINDOW = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z') };
const request = (subjects: FlowSubject[], hops: number, nodeCap = 150) => ({ subjects, hops, nodeCap, ...WINDOW });

const TXNS: Txn[] = [
  // Alice pays Acme twice and receives from Bob's shop.
  {
    customer: 'alice',
    account: 'A1',
    direction: 'out',
    key: 'iban:ACME',
    name: 'Acme',
    minor: 1000,
    at: '2026-03-01T00:00:00Z',
  },
  {
    customer: 'alice',
    account: 'A1',
    direction: 'out',
    key: 'iban:ACME',
    name: 'Acme',
    minor: 2500,
    at: '2026-03-05T00:00:00Z',
  },
  {
    customer: 'alice',
    account: 'A1',
    direction: 'in',
    key: 'name:shop',
    name: 'Shop',
    minor: 700,
    at: '2026-03-02T00:00:00Z',
  },
  // Carol also pays Acme (a shared counterparty), and pays Dave (whose account DAVE-IBAN is a tenant account).
  {
    customer: 'carol',
    account: 'C1',
    direction: 'out',
    key: 'iban:ACME',
    name: 'ACME Ltd',
    minor: 400,
    at: '2026-04-01T00:00:00Z',
  },
  {
    customer: 'carol',
    account: 'C1',
    direction: 'out',
    key: 'iban:DAVE-IBAN',
    name: 'D. Smith',
    minor: 900,
    at: '2026-04-02T00:00:00Z',
  },
  {
    customer: 'dave',
    account: 'DAVE-IBAN',
    direction: 'out',
    key: 'name:casino',
    name: 'Casino',
    minor: 50,
    at: '2026-04-03T00:00:00Z',
  },
];

describe('buildFlowGraph', () => {
  it('hop 1 holds the subject and its counterparties, with edges the way the money went and exact sums', async () => {
    const graph = await buildFlowGraph(
      request([{ type: 'customer', id: 'alice' }], 1),
      sourceOf(TXNS, { alice: 'Alice A' }),
    );
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([
      'counterparty:iban:ACME',
      'counterparty:name:shop',
      'customer:alice',
    ]);
    const alice = graph.nodes.find((n) => n.id === 'customer:alice');
    expect(alice).toMatchObject({ isSubject: true, hop: 0, label: 'Alice A', risk: 'high', kind: 'customer' });
    expect(graph.edges).toContainEqual({
      from: 'customer:alice',
      to: 'counterparty:iban:ACME',
      count: 2,
      totalMinor: '3500',
      currency: 'EUR',
      firstAt: '2026-03-01T00:00:00.000Z',
      lastAt: '2026-03-05T00:00:00.000Z',
    });
    // Money received: the edge points from the counterparty to the customer.
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ from: 'counterparty:name:shop', to: 'customer:alice', count: 1, totalMinor: '700' }),
    );
    expect(graph.edges).toHaveLength(2);
    expect(graph.truncated).toBe(false);
  });

  it('hop 2 brings in customers sharing a counterparty; hop 3 their own flows, a tenant account drawn as its customer', async () => {
    const two = await buildFlowGraph(request([{ type: 'customer', id: 'alice' }], 2), sourceOf(TXNS));
    expect(two.nodes.find((n) => n.id === 'customer:carol')?.hop).toBe(2);
    expect(two.edges).toContainEqual(
      expect.objectContaining({ from: 'customer:carol', to: 'counterparty:iban:ACME', totalMinor: '400' }),
    );
    expect(two.nodes.some((n) => n.id === 'customer:dave')).toBe(false);
    // The Acme edge from Alice is counted once although Acme was expanded again at hop 2.
    expect(two.edges.find((e) => e.from === 'customer:alice' && e.to === 'counterparty:iban:ACME')?.totalMinor).toBe(
      '3500',
    );

    const three = await buildFlowGraph(request([{ type: 'customer', id: 'alice' }], 3), sourceOf(TXNS));
    expect(three.edges).toContainEqual(
      expect.objectContaining({ from: 'customer:carol', to: 'customer:dave', totalMinor: '900' }),
    );
    expect(three.nodes.some((n) => n.id === 'counterparty:iban:DAVE-IBAN')).toBe(false);
  });

  it('finds on hop 1 the customers paying into the subject’s accounts', async () => {
    const graph = await buildFlowGraph(request([{ type: 'customer', id: 'dave' }], 1), sourceOf(TXNS));
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ from: 'customer:carol', to: 'customer:dave', count: 1, totalMinor: '900' }),
    );
    expect(graph.nodes.find((n) => n.id === 'customer:carol')?.hop).toBe(1);
    expect(graph.nodes.some((n) => n.id === 'counterparty:iban:ACME')).toBe(false);
  });

  it('a counterparty subject shows the customers that paid it', async () => {
    const graph = await buildFlowGraph(request([{ type: 'counterparty', id: 'iban:ACME' }], 1), sourceOf(TXNS));
    const subject = graph.nodes.find((n) => n.isSubject);
    expect(subject).toMatchObject({ id: 'counterparty:iban:ACME', kind: 'counterparty' });
    expect(['Acme', 'ACME Ltd']).toContain(subject?.label);
    expect(graph.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual([
      'customer:alice>counterparty:iban:ACME',
      'customer:carol>counterparty:iban:ACME',
    ]);
  });

  it('an account subject is drawn as the account', async () => {
    const graph = await buildFlowGraph(request([{ type: 'account', id: 'C1' }], 1), sourceOf(TXNS));
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: 'account:C1', to: 'customer:dave' }));
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: 'account:C1', to: 'counterparty:iban:ACME' }));
  });

  it('stops at the node cap, keeping the largest flows, and says so', async () => {
    const many: Txn[] = Array.from({ length: 20 }, (_, i) => ({
      customer: 'alice',
      account: 'A1',
      direction: 'out' as const,
      key: `name:p${i}`,
      name: `P${i}`,
      minor: 100 * (i + 1),
      at: '2026-05-01T00:00:00Z',
    }));
    const graph = await buildFlowGraph(request([{ type: 'customer', id: 'alice' }], 3, 5), sourceOf(many));
    expect(graph.nodes).toHaveLength(5);
    expect(graph.truncated).toBe(true);
    expect(graph.edges.map((e) => e.to).sort()).toEqual([
      'counterparty:name:p16',
      'counterparty:name:p17',
      'counterparty:name:p18',
      'counterparty:name:p19',
    ]);
  });

  it('keeps currencies apart and stops expanding when nothing new is found', async () => {
    const txns: Txn[] = [
      {
        customer: 'x',
        account: 'X1',
        direction: 'out',
        key: 'name:p',
        name: 'P',
        minor: 5,
        currency: 'USD',
        at: '2026-02-01T00:00:00Z',
      },
      {
        customer: 'x',
        account: 'X1',
        direction: 'out',
        key: 'name:p',
        name: 'P',
        minor: 7,
        currency: 'EUR',
        at: '2026-02-01T00:00:00Z',
      },
    ];
    const source = sourceOf(txns);
    const graph = await buildFlowGraph(request([{ type: 'customer', id: 'x' }], 3), source);
    expect(graph.edges.map((e) => `${e.currency}:${e.totalMinor}`).sort()).toEqual(['EUR:7', 'USD:5']);
    expect(source.calls).toBe(2);
  });

  it('reads the account a counterparty key designates', () => {
    expect(accountRefOfCounterpartyKey('iban:DE89370400440532013000')).toBe('DE89370400440532013000');
    expect(accountRefOfCounterpartyKey('account:COBADEFF:12345')).toBe('12345');
    expect(accountRefOfCounterpartyKey('account::12345')).toBe('12345');
    expect(accountRefOfCounterpartyKey('name:acme')).toBeNull();
  });
});
