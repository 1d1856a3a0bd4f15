import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { NameIndex } from '../matching/name.index.js';
import type { IndexedEntry } from '../matching/name-match.types.js';
import { ScreeningListRepository, type ActiveListEntry } from '../list/screening-list.repository.js';

/** How long a tenant's index is trusted before the active versions are looked at again. */
export const INDEX_STAMP_TTL_MS = 5_000;

/** A tenant's warm index, with each entry's list, version and content hash by index key. */
export interface TenantIndex {
  readonly index: NameIndex;
  readonly entries: ReadonlyMap<string, ActiveListEntry>;
  readonly stamp: string;
}

interface CacheSlot {
  value: TenantIndex;
  checkedAt: number;
}

/** The index key of an entry: its list and its external id (stable across versions). */
export function entryKey(listId: string, externalId: string): string {
  return `${listId}|${externalId}`;
}

/** Builds a NameIndex over list entries (the listKey is the list's source, shown on hits). */
export function buildIndex(entries: readonly ActiveListEntry[]): TenantIndex & { stamp: '' } {
  const byKey = new Map(entries.map((e) => [entryKey(e.listId, e.externalId), e]));
  const indexed: IndexedEntry[] = entries.map((e) => ({
    key: entryKey(e.listId, e.externalId),
    listKey: e.source,
    record: e.record,
  }));
  return { index: NameIndex.build(indexed), entries: byKey, stamp: '' };
}

/**
 * Per-tenant in-memory name indexes over the active versions of the tenant's lists, cached in the process. A cached
 * index is trusted for INDEX_STAMP_TTL_MS; then a cheap query compares the active version ids (the stamp) and the
 * index is rebuilt only when they changed. An import that activates in this process invalidates at once; imports in
 * another process (the worker) are seen within the TTL.
 */
@Injectable()
export class ScreeningIndexService {
  private readonly logger = new Logger(ScreeningIndexService.name);
  private readonly cache = new Map<string, CacheSlot>();
  private readonly building = new Map<string, Promise<TenantIndex>>();

  constructor(
    private readonly lists: ScreeningListRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async indexOf(tenantId: string): Promise<TenantIndex> {
    const slot = this.cache.get(tenantId);
    if (slot && Date.now() - slot.checkedAt < INDEX_STAMP_TTL_MS) return slot.value;
    const stamp = await this.transactions.run((tx) => this.lists.activeStamp(tx, tenantId), { tenantId });
    if (slot && slot.value.stamp === stamp) {
      slot.checkedAt = Date.now();
      return slot.value;
    }
    const pending = this.building.get(tenantId);
    if (pending) return pending;
    const build = this.build(tenantId, stamp).finally(() => this.building.delete(tenantId));
    this.building.set(tenantId, build);
    return build;
  }

  /** Forgets a tenant's index: the next check rebuilds it. */
  invalidate(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  private async build(tenantId: string, stamp: string): Promise<TenantIndex> {
    const started = Date.now();
    const entries = await this.transactions.run((tx) => this.lists.activeEntries(tx, tenantId), { tenantId });
    const value: TenantIndex = { ...buildIndex(entries), stamp };
    this.cache.set(tenantId, { value, checkedAt: Date.now() });
    if (entries.length > 0) {
      this.logger.log(`screening index of tenant ${tenantId}: ${entries.length} entries in ${Date.now() - started} ms`);
    }
    return value;
  }
}
