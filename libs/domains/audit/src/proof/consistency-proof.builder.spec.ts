import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { LeafHashArraySource } from '../tree/leaf-hash-array.source.js';
import type { SubtreeHashSource } from '../tree/subtree-hash.source.js';
import { consistencyProof, consistencyProofFromLeafHashes } from './consistency-proof.builder.js';
import { verifyConsistency } from './consistency-proof.verifier.js';
import { planConsistencyProof } from './merkle-proof.planner.js';

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

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 6962 §2.1 MTH and §2.1.2 PROOF / SUBPROOF, recursive as the RFC writes them, over D[start:end]. */
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

  proof(m: number, n: number): Uint8Array[] {
    return m === n ? [] : this.subproof(m, 0, n, true);
  }

  private subproof(m: number, start: number, end: number, b: boolean): Uint8Array[] {
    const n = end - start;
    if (m === n) return b ? [] : [this.root(start, end)];
    const k = largestPowerOfTwoBelow(n);
    return m <= k
      ? [...this.subproof(m, start, start + k, b), this.root(start + k, end)]
      : [...this.subproof(m - k, start + k, end, false), this.root(start, start + k)];
  }
}

describe('consistencyProof', () => {
  const leaves = Array.from({ length: 10_000 }, (_, i) => leafHashOf(i));
  const source = new LeafHashArraySource(leaves);
  const reference = new ReferenceTree(leaves);

  it('equals the reference PROOF, and verifies, for every pair of sizes 1 ≤ m ≤ n ≤ 130', async () => {
    for (let to = 1; to <= 130; to += 1) {
      for (let from = 1; from <= to; from += 1) {
        const proof = await consistencyProof(from, to, source);
        expect(proof.map(hex), `${from} → ${to}`).toEqual(reference.proof(from, to).map(hex));
        verifyConsistency(from, to, proof, reference.root(0, from), reference.root(0, to));
      }
    }
  });

  it('equals the reference PROOF for random pairs of sizes up to 10,000', async () => {
    const random = randomSource(9162);
    for (let round = 0; round < 200; round += 1) {
      const to = 1 + Math.floor(random() * leaves.length);
      const from = 1 + Math.floor(random() * to);
      const proof = await consistencyProof(from, to, source);
      expect(proof.map(hex), `${from} → ${to}`).toEqual(reference.proof(from, to).map(hex));
      verifyConsistency(from, to, proof, reference.root(0, from), reference.root(0, to));
    }
  });

  it('is empty from the empty tree and between equal sizes', async () => {
    expect(await consistencyProof(0, 0, source)).toEqual([]);
    expect(await consistencyProof(0, 17, source)).toEqual([]);
    expect(await consistencyProof(17, 17, source)).toEqual([]);
  });

  it('reads O(log n) stored subtrees', async () => {
    let reads = 0;
    const counting: SubtreeHashSource = {
      hash: (level, index) => {
        reads += 1;
        return source.hash(level, index);
      },
    };
    await consistencyProof(7_777, 9_999, counting);
    expect(reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(9_999)));
  });

  it('gives the same proof from an in-memory leaf list', async () => {
    for (const [from, to] of [
      [1, 2],
      [3, 7],
      [64, 250],
      [100, 300],
    ]) {
      expect(consistencyProofFromLeafHashes(from, to, leaves.slice(0, 300)).map(hex)).toEqual(
        (await consistencyProof(from, to, source)).map(hex),
      );
    }
  });

  it('refuses to prove from a larger tree to a smaller one', async () => {
    await expect(consistencyProof(9, 8, source)).rejects.toMatchObject({ code: 'audit/proof_sizes_reversed' });
    await expect(consistencyProof(-1, 8, source)).rejects.toMatchObject({ code: 'audit/proof_invalid_size' });
    expect(() => consistencyProofFromLeafHashes(1, 301, leaves.slice(0, 300))).toThrow(
      expect.objectContaining({ code: 'audit/proof_invalid_size' }),
    );
  });
});

describe('planConsistencyProof', () => {
  // Node lists from transparency-dev/merkle proof/proof_test.go (TestConsistency), written as level/index; a node
  // made of several subtrees is the fold of those subtrees, listed left to right here.
  const plan = (from: number, to: number): string[] =>
    planConsistencyProof(from, to).map((node) => node.map(({ level, index }) => `${level}/${index}`).join('+'));

  it('matches the published node lists', () => {
    expect(plan(1, 2)).toEqual(['0/1']);
    expect(plan(1, 4)).toEqual(['0/1', '1/1']);
    expect(plan(1, 6)).toEqual(['0/1', '1/1', '1/2']);
    expect(plan(2, 3)).toEqual(['0/2']);
    expect(plan(2, 8)).toEqual(['1/1', '2/1']);
    expect(plan(3, 7)).toEqual(['0/2', '0/3', '1/0', '1/2+0/6']);
    expect(plan(4, 7)).toEqual(['1/2+0/6']);
    expect(plan(5, 7)).toEqual(['0/4', '0/5', '0/6', '2/0']);
    expect(plan(6, 7)).toEqual(['1/2', '0/6', '2/0']);
    expect(plan(7, 8)).toEqual(['0/6', '0/7', '1/2', '2/0']);
    expect(plan(3, 5)).toEqual(['0/2', '0/3', '1/0', '0/4']);
    expect(plan(10, 15)).toEqual(['1/4', '1/5', '1/6+0/14', '3/0']);
    expect(plan(24, 31)).toEqual(['3/2', '2/6+1/14+0/30', '4/0']);
    expect(plan(81, 95)).toEqual(['0/80', '0/81', '1/41', '2/21', '2/22+1/46+0/94', '4/4', '6/0']);
    for (let size = 1; size <= 8; size += 1) expect(plan(size, size)).toEqual([]);
  });
});
