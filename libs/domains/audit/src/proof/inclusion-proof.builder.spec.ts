import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { ProofError } from '../audit.errors.js';
import { LeafHashArraySource } from '../tree/leaf-hash-array.source.js';
import type { SubtreeHashSource } from '../tree/subtree-hash.source.js';
import { inclusionProof, inclusionProofFromLeafHashes } from './inclusion-proof.builder.js';
import { verifyInclusion } from './inclusion-proof.verifier.js';
import { planInclusionProof } from './merkle-proof.planner.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const sha256 = (...parts: Uint8Array[]): Uint8Array =>
  new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
const leafHashOf = (i: number): Uint8Array => sha256(Uint8Array.of(0), Buffer.from(`entry ${i}`));

/** Deterministic PRNG (mulberry32) so a failing random case can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RFC 6962 §2.1 MTH and §2.1.1 PATH, recursive as the RFC writes them, over D[start:end] of one leaf list. */
class ReferenceTree {
  private readonly memo = new Map<string, Uint8Array>();

  constructor(private readonly leafHashes: readonly Uint8Array[]) {}

  root(start: number, end: number): Uint8Array {
    const key = `${start}:${end}`;
    let hash = this.memo.get(key);
    if (hash === undefined) {
      if (end - start === 1) {
        hash = this.leafHashes[start];
      } else {
        const k = largestPowerOfTwoBelow(end - start);
        hash = sha256(Uint8Array.of(1), this.root(start, start + k), this.root(start + k, end));
      }
      this.memo.set(key, hash);
    }
    return hash;
  }

  path(m: number, start: number, end: number): Uint8Array[] {
    if (end - start === 1) return [];
    const k = largestPowerOfTwoBelow(end - start);
    return m < k
      ? [...this.path(m, start, start + k), this.root(start + k, end)]
      : [...this.path(m - k, start + k, end), this.root(start, start + k)];
  }
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

class CountingSource implements SubtreeHashSource {
  reads = 0;

  constructor(private readonly inner: SubtreeHashSource) {}

  hash(level: number, index: number): Promise<Uint8Array> {
    this.reads += 1;
    return this.inner.hash(level, index);
  }
}

describe('inclusionProof', () => {
  const leaves = Array.from({ length: 10_000 }, (_, i) => leafHashOf(i));
  const source = new LeafHashArraySource(leaves);
  const reference = new ReferenceTree(leaves);

  it('equals the reference PATH, and verifies, for every leaf of every tree size from 1 to 130', async () => {
    for (let size = 1; size <= 130; size += 1) {
      const root = reference.root(0, size);
      for (let index = 0; index < size; index += 1) {
        const proof = await inclusionProof(index, size, source);
        expect(proof.map(hex), `leaf ${index} of ${size}`).toEqual(reference.path(index, 0, size).map(hex));
        expect(verifyInclusion(leaves[index], index, size, proof, root).treeSize).toBe(size);
      }
    }
  });

  it('equals the reference PATH for random leaves of random tree sizes up to 10,000', async () => {
    const random = randomSource(6962);
    for (let round = 0; round < 200; round += 1) {
      const size = 1 + Math.floor(random() * leaves.length);
      const index = Math.floor(random() * size);
      const proof = await inclusionProof(index, size, source);
      expect(proof.map(hex), `leaf ${index} of ${size}`).toEqual(reference.path(index, 0, size).map(hex));
      verifyInclusion(leaves[index], index, size, proof, reference.root(0, size));
    }
  });

  it('reads O(log n) stored subtrees: at most two per level', async () => {
    for (const size of [1, 2, 3, 7, 8, 9, 127, 1000, 9_999]) {
      const levels = Math.ceil(Math.log2(size));
      for (const index of [0, Math.floor(size / 3), size - 1]) {
        const counting = new CountingSource(source);
        await inclusionProof(index, size, counting);
        expect(counting.reads, `leaf ${index} of ${size}`).toBeLessThanOrEqual(2 * levels);
      }
    }
  });

  it('gives the same proof from an in-memory leaf list', async () => {
    for (const [index, size] of [
      [0, 1],
      [5, 6],
      [12, 13],
      [99, 250],
    ]) {
      expect(inclusionProofFromLeafHashes(index, size, leaves.slice(0, 300)).map(hex)).toEqual(
        (await inclusionProof(index, size, source)).map(hex),
      );
    }
  });

  it('refuses an index at or beyond the tree size, and sizes that are not safe integers', async () => {
    await expect(inclusionProof(7, 7, source)).rejects.toMatchObject({ code: 'audit/proof_index_out_of_range' });
    await expect(inclusionProof(0, 0, source)).rejects.toBeInstanceOf(ProofError);
    await expect(inclusionProof(-1, 3, source)).rejects.toMatchObject({ code: 'audit/proof_invalid_size' });
    await expect(inclusionProof(0, 2.5, source)).rejects.toMatchObject({ code: 'audit/proof_invalid_size' });
    await expect(inclusionProof(0, 2 ** 53, source)).rejects.toMatchObject({ code: 'audit/proof_invalid_size' });
    expect(() => inclusionProofFromLeafHashes(0, 301, leaves.slice(0, 300))).toThrow(
      expect.objectContaining({ code: 'audit/proof_invalid_size' }),
    );
  });

  it('turns a stored hash of the wrong length into a ProofError', async () => {
    const broken: SubtreeHashSource = { hash: () => Promise.resolve(new Uint8Array(31)) };
    await expect(inclusionProof(0, 4, broken)).rejects.toMatchObject({ code: 'audit/proof_invalid_hash' });
  });
});

describe('planInclusionProof', () => {
  // Node lists from transparency-dev/merkle proof/proof_test.go (TestInclusion), written as level/index; a node made
  // of several subtrees is the fold of those subtrees (the "rehash" entries there), listed left to right here.
  const plan = (index: number, size: number): string[] =>
    planInclusionProof(index, size).map((node) => node.map(({ level, index: at }) => `${level}/${at}`).join('+'));

  it('matches the published node lists', () => {
    expect(plan(0, 1)).toEqual([]);
    expect(plan(0, 2)).toEqual(['0/1']);
    expect(plan(1, 3)).toEqual(['0/0', '0/2']);
    expect(plan(0, 7)).toEqual(['0/1', '1/1', '1/2+0/6']);
    expect(plan(2, 7)).toEqual(['0/3', '1/0', '1/2+0/6']);
    expect(plan(4, 7)).toEqual(['0/5', '0/6', '2/0']);
    expect(plan(6, 7)).toEqual(['1/2', '2/0']);
    expect(plan(3, 5)).toEqual(['0/2', '1/0', '0/4']);
    expect(plan(3, 6)).toEqual(['0/2', '1/0', '1/2']);
    expect(plan(10, 15)).toEqual(['0/11', '1/4', '1/6+0/14', '3/0']);
    expect(plan(24, 31)).toEqual(['0/25', '1/13', '1/14+0/30', '3/2', '4/0']);
    expect(plan(81, 95)).toEqual(['0/80', '1/41', '2/21', '2/22+1/46+0/94', '4/4', '6/0']);
  });
});
