import { describe, expect, it } from 'vitest';
import { GroupCommit, type GroupOutcome } from './group-commit.js';

/** A flush whose completion the test controls, recording what each flush was given. */
function controlledFlush<I>() {
  const flushes: {
    group: string;
    items: I[];
    finish: (outcomes?: GroupOutcome<I>[]) => void;
    fail: (e: Error) => void;
  }[] = [];
  const flush = (group: string, items: I[]): Promise<GroupOutcome<I>[]> =>
    new Promise((resolve, reject) => {
      flushes.push({
        group,
        items,
        finish: (outcomes) => resolve(outcomes ?? items.map((value) => ({ ok: true, value }))),
        fail: reject,
      });
    });
  return { flushes, flush };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('flushes a lone item at once and what arrives meanwhile together in the next flush', async () => {
    const { flushes, flush } = controlledFlush<number>();
    const commit = new GroupCommit<number, number>({ maxBatch: 10, flush });
    const first = commit.submit('t1', 1);
    const later = [2, 3, 4].map((n) => commit.submit('t1', n));
    await tick();
    expect(flushes.map((f) => f.items)).toEqual([[1]]);
    flushes[0].finish();
    expect(await first).toBe(1);
    await tick();
    expect(flushes.map((f) => f.items)).toEqual([[1], [2, 3, 4]]);
    flushes[1].finish();
    expect(await Promise.all(later)).toEqual([2, 3, 4]);
    expect(commit.pending('t1')).toEqual({ waiting: 0, inFlight: 0 });
  });

  it('keeps groups apart, caps a flush at maxBatch and runs up to maxInFlight flushes of a group', async () => {
    const { flushes, flush } = controlledFlush<number>();
    const commit = new GroupCommit<number, number>({ maxBatch: 2, maxInFlight: 2, flush });
    const all = [1, 2, 3, 4, 5].map((n) => commit.submit('a', n));
    const other = commit.submit('b', 9);
    await tick();
    // Two flushes of 'a' at once (each took the item that found a free slot), one of 'b'; the rest wait.
    expect(flushes.map((f) => [f.group, f.items])).toEqual([
      ['a', [1]],
      ['a', [2]],
      ['b', [9]],
    ]);
    expect(commit.pending('a')).toEqual({ waiting: 3, inFlight: 2 });
    flushes[0].finish();
    await tick();
    expect(flushes[3].items).toEqual([3, 4]);
    flushes[1].finish();
    await tick();
    expect(flushes[4].items).toEqual([5]);
    flushes[2].finish();
    flushes[3].finish();
    flushes[4].finish();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5]);
    expect(await other).toBe(9);
  });

  it('never puts two items with the same conflict key in one flush', async () => {
    const { flushes, flush } = controlledFlush<string>();
    const commit = new GroupCommit<string, string>({ maxBatch: 10, flush, conflictKey: (s) => s.split(':')[0] });
    const results = ['k0:a', 'k1:a', 'k1:b', 'k2:a', 'k1:c'].map((s) => commit.submit('t', s));
    await tick();
    flushes[0].finish();
    await tick();
    expect(flushes[1].items).toEqual(['k1:a', 'k2:a']);
    flushes[1].finish();
    await tick();
    expect(flushes[2].items).toEqual(['k1:b']);
    flushes[2].finish();
    await tick();
    expect(flushes[3].items).toEqual(['k1:c']);
    flushes[3].finish();
    expect(await Promise.all(results)).toEqual(['k0:a', 'k1:a', 'k1:b', 'k2:a', 'k1:c']);
  });

  it('does not run an item while a flush holding its conflict key runs, even with a flush slot free', async () => {
    const { flushes, flush } = controlledFlush<string>();
    const commit = new GroupCommit<string, string>({
      maxBatch: 10,
      maxInFlight: 2,
      flush,
      conflictKey: (s) => s.split(':')[0],
    });
    const results = ['k1:a', 'k1:b', 'k2:a'].map((s) => commit.submit('t', s));
    await tick();
    // k1:b waits for k1:a's flush; k2:a takes the free slot.
    expect(flushes.map((f) => f.items)).toEqual([['k1:a'], ['k2:a']]);
    flushes[1].finish();
    await tick();
    expect(flushes).toHaveLength(2);
    flushes[0].finish();
    await tick();
    expect(flushes[2].items).toEqual(['k1:b']);
    flushes[2].finish();
    expect(await Promise.all(results)).toEqual(['k1:a', 'k1:b', 'k2:a']);
  });

  it('rejects only the item an outcome names as failed', async () => {
    const { flushes, flush } = controlledFlush<number>();
    const commit = new GroupCommit<number, number>({ maxBatch: 10, flush });
    const blocker = commit.submit('t', 0);
    const results = [1, 2, 3].map((n) => commit.submit('t', n).then(String, (e: Error) => e.message));
    await tick();
    flushes[0].finish();
    await blocker;
    await tick();
    flushes[1].finish([
      { ok: true, value: 1 },
      { ok: false, error: new Error('refused') },
      { ok: true, value: 3 },
    ]);
    expect(await Promise.all(results)).toEqual(['1', 'refused', '3']);
  });

  it('retries each item of a failed flush on its own, so one bad item fails only itself', async () => {
    const flushed: number[][] = [];
    const commit = new GroupCommit<number, number>({
      maxBatch: 10,
      flush: async (_group, items) => {
        flushed.push(items);
        await tick();
        if (items.includes(13)) throw new Error(`unlucky ${items.join(',')}`);
        return items.map((value) => ({ ok: true as const, value: value * 2 }));
      },
    });
    const results = [1, 13, 7, 2].map((n) => commit.submit('t', n).then(String, (e: Error) => e.message));
    expect(await Promise.all(results)).toEqual(['2', 'unlucky 13', '14', '4']);
    // 1 alone, then the three that queued meanwhile together (failed), then each of those alone.
    expect(flushed).toEqual([[1], [13, 7, 2], [13], [7], [2]]);
  });

  it('refuses a flush that answers the wrong number of outcomes', async () => {
    const commit = new GroupCommit<number, number>({ maxBatch: 10, flush: () => Promise.resolve([]) });
    await expect(commit.submit('t', 1)).rejects.toThrow(/0 outcomes for 1 items/);
  });
});
