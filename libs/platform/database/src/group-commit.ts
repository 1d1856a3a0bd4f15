/** What a flush answers for one item: its value, or the error that item (and only it) is rejected with. */
export type GroupOutcome<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions<I, R> {
  /** Most items one flush takes. */
  readonly maxBatch: number;
  /** Flushes of one group that may run at the same time (default 1). */
  readonly maxInFlight?: number;
  /**
   * Items with the same conflict key are never flushed together nor at the same time (the later one waits until the
   * flush holding the earlier one is over): for work that must see the earlier one committed, such as a retry under
   * the same Idempotency-Key.
   */
  readonly conflictKey?: (item: I) => string;
  /**
   * Writes the items of one group in one database transaction and answers one outcome per item, in order. When it
   * throws, nothing of the flush was committed (its transaction rolled back) and each item is flushed again on its own,
   * so that one item's failure fails that item only.
   */
  readonly flush: (group: string, items: I[]) => Promise<GroupOutcome<R>[]>;
}

interface Waiting<I, R> {
  readonly item: I;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

interface GroupState<I, R> {
  queue: Waiting<I, R>[];
  inFlight: number;
  /** Conflict keys of the items in running flushes. */
  readonly busy: Set<string>;
}

/**
 * Group commit: concurrent callers' items of the same group (a tenant, say) are written together, one transaction and
 * one durable commit for all those that arrived while the previous flush of the group was running. Nobody waits for a
 * timer: an item that finds a free flush slot is flushed at once (alone, when the system is quiet), and under load
 * each flush takes what queued meanwhile, up to `maxBatch`. Each caller's promise settles only after the flush holding
 * its item committed (or failed), so an answered item is as durable as one written in its own transaction.
 */
export class GroupCommit<I, R> {
  private readonly groups = new Map<string, GroupState<I, R>>();
  private readonly maxInFlight: number;

  constructor(private readonly options: GroupCommitOptions<I, R>) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) throw new Error('maxBatch must be at least 1');
    this.maxInFlight = options.maxInFlight ?? 1;
    if (!Number.isInteger(this.maxInFlight) || this.maxInFlight < 1) throw new Error('maxInFlight must be at least 1');
  }

  /** Writes `item` with whatever else of its group is waiting; settles once that write committed or failed. */
  submit(group: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let state = this.groups.get(group);
      if (!state) {
        state = { queue: [], inFlight: 0, busy: new Set() };
        this.groups.set(group, state);
      }
      state.queue.push({ item, resolve, reject });
      this.pump(group, state);
    });
  }

  /** Items waiting and flushes running, for metrics and tests. */
  pending(group: string): { waiting: number; inFlight: number } {
    const state = this.groups.get(group);
    return { waiting: state?.queue.length ?? 0, inFlight: state?.inFlight ?? 0 };
  }

  private pump(group: string, state: GroupState<I, R>): void {
    while (state.inFlight < this.maxInFlight && state.queue.length > 0) {
      const batch = this.take(state);
      if (batch.length === 0) return;
      const conflictKey = this.options.conflictKey;
      const keys = conflictKey ? batch.map((w) => conflictKey(w.item)) : [];
      for (const key of keys) state.busy.add(key);
      state.inFlight += 1;
      void this.run(group, batch).finally(() => {
        for (const key of keys) state.busy.delete(key);
        state.inFlight -= 1;
        if (state.inFlight === 0 && state.queue.length === 0) this.groups.delete(group);
        else this.pump(group, state);
      });
    }
  }

  /**
   * Up to maxBatch waiting items in arrival order, skipping (and keeping queued) those whose conflict key is in a
   * running flush or already in this one.
   */
  private take(state: GroupState<I, R>): Waiting<I, R>[] {
    const conflictKey = this.options.conflictKey;
    if (!conflictKey) return state.queue.splice(0, this.options.maxBatch);
    const batch: Waiting<I, R>[] = [];
    const rest: Waiting<I, R>[] = [];
    const keys = new Set<string>(state.busy);
    for (const waiting of state.queue) {
      const key = conflictKey(waiting.item);
      if (batch.length < this.options.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    state.queue = rest;
    return batch;
  }

  private async run(group: string, batch: Waiting<I, R>[]): Promise<void> {
    let outcomes: GroupOutcome<R>[];
    try {
      outcomes = await this.options.flush(
        group,
        batch.map((w) => w.item),
      );
      if (outcomes.length !== batch.length) {
        throw new Error(`a group flush answered ${outcomes.length} outcomes for ${batch.length} items`);
      }
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // Nothing of the flush committed: each item again on its own, so only the failing ones fail.
      await Promise.all(batch.map((w) => this.run(group, [w])));
      return;
    }
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) batch[i].resolve(outcome.value);
      else batch[i].reject(outcome.error);
    });
  }
}
