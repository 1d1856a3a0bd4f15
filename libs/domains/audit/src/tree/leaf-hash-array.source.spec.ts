import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { rootFromLeafHashes } from './compact-range.builder.js';
import { LeafHashArraySource } from './leaf-hash-array.source.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const leafHashOf = (i: number): Uint8Array =>
  new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(`entry ${i}`).digest());

describe('LeafHashArraySource', () => {
  const leaves = Array.from({ length: 37 }, (_, i) => leafHashOf(i));
  const source = new LeafHashArraySource(leaves);

  it('answers every perfect subtree with the MTH of its leaves', async () => {
    for (let level = 0; 2 ** level <= leaves.length; level += 1) {
      const width = 2 ** level;
      for (let index = 0; (index + 1) * width <= leaves.length; index += 1) {
        const expected = hex(rootFromLeafHashes(leaves.slice(index * width, (index + 1) * width)));
        expect(hex(source.subtreeHash(level, index))).toBe(expected);
        expect(hex(await source.hash(level, index))).toBe(expected);
      }
    }
  });

  it('refuses subtrees that need leaves it does not hold', async () => {
    expect(() => source.subtreeHash(0, 37)).toThrow(AuditError);
    expect(() => source.subtreeHash(3, 4)).toThrow(
      expect.objectContaining({ code: 'audit/tree_subtree_out_of_range' }),
    );
    expect(() => source.subtreeHash(6, 0)).toThrow(
      expect.objectContaining({ code: 'audit/tree_subtree_out_of_range' }),
    );
    expect(() => source.subtreeHash(-1, 0)).toThrow(expect.objectContaining({ code: 'audit/tree_invalid_size' }));
    await expect(source.hash(0, 99)).rejects.toMatchObject({ code: 'audit/tree_subtree_out_of_range' });
  });

  it('refuses leaf hashes that are not 32 bytes', () => {
    expect(() => new LeafHashArraySource([new Uint8Array(16)])).toThrow(
      expect.objectContaining({ code: 'audit/tree_invalid_hash' }),
    );
  });
});
