/**
 * The waves a batch is decided in: items linked by a customer or an account (directly, or through other items) form
 * a group, kept in request order; wave k holds the k-th item of every group, in request order. An item's history
 * (customer and account windows, counterparties of the customer) depends only on earlier items of its own group,
 * which all sit in earlier waves, and on no item of its own wave. Answers the items' indexes, wave by wave.
 */
export function decisionWavesOf(items: readonly { customerId: string; accountId: string }[]): number[][] {
  // Union-find over customer and account references ('c:' and 'a:' keep the two namespaces apart).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let y = x; y !== root;) {
      const next = parent.get(y) as string;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  const add = (x: string): void => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const item of items) {
    const c = `c:${item.customerId}`;
    const a = `a:${item.accountId}`;
    add(c);
    add(a);
    const rc = find(c);
    const ra = find(a);
    if (rc !== ra) parent.set(ra, rc);
  }
  const seen = new Map<string, number>();
  const waves: number[][] = [];
  items.forEach((item, index) => {
    const group = find(`c:${item.customerId}`);
    const k = seen.get(group) ?? 0;
    seen.set(group, k + 1);
    (waves[k] ??= []).push(index);
  });
  return waves;
}
