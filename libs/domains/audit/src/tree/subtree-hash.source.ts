/**
 * A perfect subtree of the log: the 2^level leaves starting at index × 2^level. These are the only nodes that never
 * change once written, which is why storage (database rows or C2SP tlog tiles) keeps exactly these.
 */
export interface SubtreeAddress {
  readonly level: number;
  readonly index: number;
}

/**
 * Reads stored perfect-subtree hashes. Level 0 is the leaf hashes. Proof builders ask for O(log n) of them, all
 * known up front, so an implementation may batch the reads.
 */
export interface SubtreeHashSource {
  hash(level: number, index: number): Promise<Uint8Array>;
}
