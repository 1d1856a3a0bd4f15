import type { TransactionFlowRow } from '@domains/monitoring';

export const FLOW_SUBJECT_TYPES = ['customer', 'account', 'counterparty'] as const;
export type FlowSubjectType = (typeof FLOW_SUBJECT_TYPES)[number];
export type FlowNodeKind = 'customer' | 'counterparty' | 'account';

export interface FlowGraphNode {
  /** `customer:<customer id>`, `account:<provider account ref>` or `counterparty:<counterparty key>`. */
  readonly id: string;
  readonly kind: FlowNodeKind;
  readonly label: string;
  /** The customer's KYC risk rating, for customers. */
  readonly risk?: string;
  readonly isSubject: boolean;
  /** Edges between the subject and this node (0 for the subject). */
  readonly hop: number;
}

export interface FlowGraphEdge {
  /** Where the money came from (node id). */
  readonly from: string;
  /** Where it went (node id). */
  readonly to: string;
  readonly count: number;
  /** Sum in minor units of `currency`, as a decimal string. */
  readonly totalMinor: string;
  readonly currency: string;
  readonly firstAt: string;
  readonly lastAt: string;
}

export interface FlowGraph {
  readonly subjects: FlowSubject[];
  readonly hops: number;
  readonly from: string;
  readonly to: string;
  readonly nodes: FlowGraphNode[];
  readonly edges: FlowGraphEdge[];
  /** At most this many nodes are drawn. */
  readonly nodeCap: number;
  /** True when flows were left out because the node cap was reached (the largest amounts are kept). */
  readonly truncated: boolean;
}

/** Where the builder reads from: monitoring's stored transactions and the customers' names. */
export interface FlowGraphSource {
  flows(frontier: {
    readonly customerRecordIds: readonly string[];
    readonly accountIds: readonly string[];
    readonly counterpartyKeys: readonly string[];
  }): Promise<TransactionFlowRow[]>;
  /** Flows whose counterparty is one of these provider account references (other customers paying them). */
  flowsToAccounts(accountRefs: readonly string[]): Promise<TransactionFlowRow[]>;
  /** The customer using each provider account reference, where one does. */
  accountOwners(accountRefs: readonly string[]): Promise<Map<string, string>>;
  /** Label and risk rating of each known customer. */
  customers(ids: readonly string[]): Promise<Map<string, { label: string; risk: string }>>;
}

export interface FlowSubject {
  readonly type: FlowSubjectType;
  /** A customer id, a provider account reference or a counterparty key. */
  readonly id: string;
}

export interface FlowGraphRequest {
  /** One subject, or several (a case's subjects): all in the centre. */
  readonly subjects: readonly FlowSubject[];
  /** 1 to 3. */
  readonly hops: number;
  readonly from: Date;
  readonly to: Date;
  readonly nodeCap: number;
}

/**
 * The tenant's account reference a counterparty key may designate: the IBAN of `iban:<IBAN>` or the number of
 * `account:<BIC>:<number>`. A name-only counterparty designates none.
 */
export function accountRefOfCounterpartyKey(key: string): string | null {
  if (key.startsWith('iban:')) return key.slice('iban:'.length) || null;
  if (key.startsWith('account:')) {
    const number = key.slice(key.indexOf(':', 'account:'.length) + 1);
    return number || null;
  }
  return null;
}

const customerNode = (id: string): string => `customer:${id}`;
const accountNode = (ref: string): string => `account:${ref}`;
const counterpartyNode = (key: string): string => `counterparty:${key}`;

interface MutableEdge {
  from: string;
  to: string;
  count: number;
  total: bigint;
  currency: string;
  firstAt: Date;
  lastAt: Date;
}

/**
 * The money-flow graph around a subject, breadth first: hop 1 is the subject's own transactions (its counterparties,
 * or for a counterparty the customers that paid or were paid by it); each further hop expands the nodes found last:
 * a counterparty shared with other customers brings those customers in, and a counterparty whose IBAN or account
 * number is another customer's account is drawn as that customer (money moving between two customers of the tenant);
 * payments other customers made to an owner's accounts are found on the same hop as the owner's own payments.
 * Edges point the way the money went (`out` from the owner to the counterparty, `in` the other way), one per pair and
 * currency. At most `nodeCap` nodes: the source answers the largest flows first, and flows to nodes past the cap
 * are left out (`truncated`). A transfer between two customers that both report it is counted on both reports.
 */
export async function buildFlowGraph(request: FlowGraphRequest, source: FlowGraphSource): Promise<FlowGraph> {
  const nodes = new Map<string, { id: string; kind: FlowNodeKind; label: string; hop: number }>();
  const edges = new Map<string, MutableEdge>();
  const seenRows = new Set<string>();
  const queriedAccounts = new Set<string>();
  const expandedCustomers = new Set<string>();
  const expandedAccounts = new Set<string>();
  const expandedCounterparties = new Set<string>();
  let truncated = false;

  const nodeIdOf = (s: FlowSubject): string =>
    s.type === 'customer' ? customerNode(s.id) : s.type === 'account' ? accountNode(s.id) : counterpartyNode(s.id);
  const subjectNodeIds = new Set(request.subjects.map(nodeIdOf));
  for (const s of request.subjects) nodes.set(nodeIdOf(s), { id: nodeIdOf(s), kind: s.type, label: s.id, hop: 0 });
  const idsOf = (type: FlowSubjectType): string[] => [
    ...new Set(request.subjects.filter((s) => s.type === type).map((s) => s.id)),
  ];
  const subjectAccounts = new Set(idsOf('account'));
  const subjectCounterparties = new Set(idsOf('counterparty'));

  let frontier = {
    customerRecordIds: idsOf('customer'),
    accountIds: idsOf('account'),
    counterpartyKeys: idsOf('counterparty'),
  };

  /** Adds both nodes of a flow unless that would pass the cap; whether the flow is in the graph. */
  const ensureNodes = (wanted: readonly { id: string; kind: FlowNodeKind; label: string }[], hop: number): boolean => {
    const missing = wanted.filter((w, i) => !nodes.has(w.id) && wanted.findIndex((x) => x.id === w.id) === i);
    if (nodes.size + missing.length > request.nodeCap) {
      truncated = true;
      return false;
    }
    for (const w of missing) nodes.set(w.id, { ...w, hop });
    for (const w of wanted) {
      const node = nodes.get(w.id);
      // A subject starts labelled with its id; the first flow gives a counterparty or account its name.
      if (node && subjectNodeIds.has(node.id) && node.id === `${node.kind}:${node.label}` && w.label) {
        node.label = w.label;
      }
    }
    return true;
  };

  for (let hop = 1; hop <= request.hops; hop++) {
    if (frontier.customerRecordIds.length + frontier.accountIds.length + frontier.counterpartyKeys.length === 0) {
      break;
    }
    frontier.customerRecordIds.forEach((id) => expandedCustomers.add(id));
    frontier.accountIds.forEach((id) => expandedAccounts.add(id));
    frontier.counterpartyKeys.forEach((key) => expandedCounterparties.add(key));
    const ownRows = await source.flows(frontier);
    // Money other customers sent to (or took from) the accounts of this hop's owners is one edge away too.
    const frontierCustomers = new Set(frontier.customerRecordIds);
    const accountRefs = [
      ...new Set([
        ...frontier.accountIds,
        ...ownRows.filter((r) => frontierCustomers.has(r.customerRecordId)).map((r) => r.accountId),
      ]),
    ].filter((ref) => !queriedAccounts.has(ref));
    accountRefs.forEach((ref) => queriedAccounts.add(ref));
    const rows = [...ownRows, ...(accountRefs.length > 0 ? await source.flowsToAccounts(accountRefs) : [])];
    const refs = [
      ...new Set(rows.map((r) => accountRefOfCounterpartyKey(r.counterpartyKey)).filter((r): r is string => !!r)),
    ];
    const owners = await source.accountOwners(refs);
    const next = { customerRecordIds: new Set<string>(), counterpartyKeys: new Set<string>() };

    for (const row of rows) {
      const rowKey = [row.customerRecordId, row.accountId, row.direction, row.counterpartyKey, row.currency].join(
        '\u0000',
      );
      if (seenRows.has(rowKey)) continue;
      const ownerId = subjectAccounts.has(row.accountId)
        ? accountNode(row.accountId)
        : customerNode(row.customerRecordId);
      const ownerKind: FlowNodeKind = ownerId.startsWith('account:') ? 'account' : 'customer';
      const ownerOfCounterparty = owners.get(accountRefOfCounterpartyKey(row.counterpartyKey) ?? '');
      const isSubjectCounterparty = subjectCounterparties.has(row.counterpartyKey);
      // The counterparty is another customer's account: draw that customer.
      const otherCustomer =
        ownerOfCounterparty !== undefined && ownerOfCounterparty !== row.customerRecordId && !isSubjectCounterparty
          ? ownerOfCounterparty
          : undefined;
      const otherIsCustomer = otherCustomer !== undefined;
      const otherId = otherCustomer !== undefined ? customerNode(otherCustomer) : counterpartyNode(row.counterpartyKey);
      const ownerLabel = ownerKind === 'account' ? row.accountId : row.customerRef;
      const otherLabel = otherCustomer ?? (row.counterpartyName || row.counterpartyKey);
      const inGraph = ensureNodes(
        [
          { id: ownerId, kind: ownerKind, label: ownerLabel },
          { id: otherId, kind: otherIsCustomer ? 'customer' : 'counterparty', label: otherLabel },
        ],
        hop,
      );
      if (!inGraph) continue;
      seenRows.add(rowKey);

      const [from, to] = row.direction === 'out' ? [ownerId, otherId] : [otherId, ownerId];
      const edgeKey = [from, to, row.currency].join('\u0000');
      const edge = edges.get(edgeKey);
      if (edge) {
        edge.count += row.count;
        edge.total += BigInt(row.totalMinor);
        if (row.firstAt < edge.firstAt) edge.firstAt = row.firstAt;
        if (row.lastAt > edge.lastAt) edge.lastAt = row.lastAt;
      } else {
        edges.set(edgeKey, {
          from,
          to,
          count: row.count,
          total: BigInt(row.totalMinor),
          currency: row.currency,
          firstAt: row.firstAt,
          lastAt: row.lastAt,
        });
      }

      if (!expandedCustomers.has(row.customerRecordId)) next.customerRecordIds.add(row.customerRecordId);
      if (otherCustomer !== undefined) {
        if (!expandedCustomers.has(otherCustomer)) next.customerRecordIds.add(otherCustomer);
      } else if (!expandedCounterparties.has(row.counterpartyKey)) {
        next.counterpartyKeys.add(row.counterpartyKey);
      }
    }
    frontier = {
      customerRecordIds: [...next.customerRecordIds],
      accountIds: [],
      counterpartyKeys: [...next.counterpartyKeys],
    };
  }

  const customerIds = [...nodes.values()].filter((n) => n.kind === 'customer').map((n) => n.id.slice(9));
  const customers =
    customerIds.length > 0 ? await source.customers(customerIds) : new Map<string, { label: string; risk: string }>();

  const nodeList: FlowGraphNode[] = [...nodes.values()]
    .sort((a, b) => a.hop - b.hop || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((n) => {
      const known = n.kind === 'customer' ? customers.get(n.id.slice(9)) : undefined;
      return {
        id: n.id,
        kind: n.kind,
        label: known?.label ?? n.label,
        ...(known ? { risk: known.risk } : {}),
        isSubject: subjectNodeIds.has(n.id),
        hop: n.hop,
      };
    });
  const edgeList: FlowGraphEdge[] = [...edges.values()]
    .sort((a, b) => (a.from + a.to + a.currency < b.from + b.to + b.currency ? -1 : 1))
    .map((e) => ({
      from: e.from,
      to: e.to,
      count: e.count,
      totalMinor: e.total.toString(),
      currency: e.currency,
      firstAt: e.firstAt.toISOString(),
      lastAt: e.lastAt.toISOString(),
    }));
  return {
    subjects: [...request.subjects],
    hops: request.hops,
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    nodes: nodeList,
    edges: edgeList,
    nodeCap: request.nodeCap,
    truncated,
  };
}
