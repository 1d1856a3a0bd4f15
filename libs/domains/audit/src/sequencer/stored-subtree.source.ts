import { MerkleTreeError } from '../audit.errors.js';
import type { SubtreeAddress, SubtreeHashSource } from '../tree/subtree-hash.source.js';

/** How stored subtree hashes are keyed in the map a read returns. */
export const subtreeKey = (level: number, index: number): string => `${level}/${index}`;

type ReadMany = (addresses: readonly SubtreeAddress[]) => Promise<Map<string, Uint8Array>>;

interface Waiting extends SubtreeAddress {
  resolve(hash: Uint8Array): void;
  reject(error: unknown): void;
}

/**
 * A SubtreeHashSource over stored hashes that answers every request made in the same tick with one read. The core's
 * proof builders and CompactRangeBuilder.resume ask for all their O(log n) subtrees at once, so a proof or a resume
 * costs one database round trip.
 */
export class StoredSubtreeSource implements SubtreeHashSource {
  private waiting: Waiting[] = [];

  constructor(private readonly readMany: ReadMany) {}

  hash(level: number, index: number): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.push({ level, index, resolve, reject });
      if (this.waiting.length === 1) queueMicrotask(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const found = await this.readMany(batch);
      for (const request of batch) {
        const hash = found.get(subtreeKey(request.level, request.index));
        if (hash) request.resolve(hash);
        else {
          request.reject(
            new MerkleTreeError(
              'audit/tree_subtree_out_of_range',
              `subtree (${request.level}, ${request.index}) is not stored: the tree is not that large`,
            ),
          );
        }
      }
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  }
}
