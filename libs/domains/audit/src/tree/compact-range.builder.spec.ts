import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { CompactRangeBuilder, rootFromLeafHashes } from './compact-range.builder.js';
import { LeafHashArraySource } from './leaf-hash-array.source.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const sha256 = (...parts: Uint8Array[]): Uint8Array =>
  new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
const leafHashOf = (i: number): Uint8Array => sha256(Uint8Array.of(0), Buffer.from(`entry ${i}`));

/** RFC 6962 §2.1 MTH, written recursively exactly as the RFC states it, independent of the code under test. */
function referenceRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return sha256();
  if (leafHashes.length === 1) return leafHashes[0];
  let split = 1;
  while (split * 2 < leafHashes.length) split *= 2;
  return sha256(Uint8Array.of(1), referenceRoot(leafHashes.slice(0, split)), referenceRoot(leafHashes.slice(split)));
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

const leaves = Array.from({ length: 300 }, (_, i) => leafHashOf(i));

describe('CompactRangeBuilder', () => {
  it('has the root of the reference MTH after every append, for sizes 0 to 300', () => {
    const builder = new CompactRangeBuilder();
    expect(hex(builder.root())).toBe(hex(referenceRoot([])));
    leaves.forEach((leaf, i) => {
      builder.append(leaf);
      expect(builder.size).toBe(i + 1);
      expect(hex(builder.root()), `size ${i + 1}`).toBe(hex(referenceRoot(leaves.slice(0, i + 1))));
    });
  });

  it('keeps one frontier hash per set bit of the size, so memory stays O(log n)', () => {
    const builder = new CompactRangeBuilder();
    for (const leaf of leaves) builder.append(leaf);
    expect(builder.hashes).toHaveLength(4); // 300 = 0b100101100
  });

  it('reports each perfect subtree as it completes, with the hash the reference gives for those leaves', () => {
    const builder = new CompactRangeBuilder();
    const reported: string[] = [];
    leaves.slice(0, 64).forEach((leaf) => {
      for (const { level, index, hash } of builder.append(leaf)) {
        const width = 2 ** level;
        expect(hex(hash)).toBe(hex(referenceRoot(leaves.slice(index * width, (index + 1) * width))));
        reported.push(`${level}/${index}`);
      }
    });
    // A tree of 64 leaves has 127 perfect subtrees, each reported exactly once.
    expect(new Set(reported).size).toBe(127);
    expect(reported).toHaveLength(127);
  });

  it('resumes from a persisted size and frontier as if it had never stopped', () => {
    for (const stopAt of [0, 1, 5, 64, 127, 200]) {
      const first = new CompactRangeBuilder();
      for (const leaf of leaves.slice(0, stopAt)) first.append(leaf);
      const resumed = new CompactRangeBuilder(first.size, first.hashes);
      for (const leaf of leaves.slice(stopAt)) resumed.append(leaf);
      expect(hex(resumed.root())).toBe(hex(referenceRoot(leaves)));
    }
  });

  it('resumes from stored perfect subtrees', async () => {
    const source = new LeafHashArraySource(leaves);
    for (const size of [0, 1, 6, 255, 256, 299]) {
      const builder = await CompactRangeBuilder.resume(size, source);
      expect(hex(builder.root())).toBe(hex(referenceRoot(leaves.slice(0, size))));
    }
  });

  it('refuses a frontier that does not match its size, and bad hashes', () => {
    const leaf = leaves[0];
    expect(codeOf(() => new CompactRangeBuilder(3, [leaf]))).toBe('audit/tree_invalid_size');
    expect(codeOf(() => new CompactRangeBuilder(-1, []))).toBe('audit/tree_invalid_size');
    expect(codeOf(() => new CompactRangeBuilder(1.5, []))).toBe('audit/tree_invalid_size');
    expect(codeOf(() => new CompactRangeBuilder(1, [leaf.subarray(2)]))).toBe('audit/tree_invalid_hash');
    expect(codeOf(() => new CompactRangeBuilder().append(new Uint8Array(31)))).toBe('audit/tree_invalid_hash');
  });
});

describe('rootFromLeafHashes', () => {
  it('equals the reference MTH for every size up to 140 and at the larger boundaries', () => {
    for (const size of [...Array.from({ length: 141 }, (_, i) => i), 255, 256, 257, 300]) {
      expect(hex(rootFromLeafHashes(leaves.slice(0, size))), `size ${size}`).toBe(
        hex(referenceRoot(leaves.slice(0, size))),
      );
    }
  });
});
