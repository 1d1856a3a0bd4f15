import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { emptyTreeRoot, foldSubtreeHashes, hashChildren, hashLeaf, merkleHashesEqual } from './merkle-tree.hasher.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const sha256 = (...parts: Uint8Array[]): Uint8Array =>
  new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(hex(emptyTreeRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('prefixes leaves with 0x00 and interior nodes with 0x01, so a node can never pass as a leaf', () => {
    const left = hashLeaf(Buffer.from('left'));
    const right = hashLeaf(Buffer.from('right'));
    expect(hex(hashLeaf(Buffer.from('left')))).toBe(hex(sha256(Uint8Array.of(0), Buffer.from('left'))));
    expect(hex(hashChildren(left, right))).toBe(hex(sha256(Uint8Array.of(1), left, right)));
    expect(hex(hashLeaf(Buffer.concat([left, right])))).not.toBe(hex(hashChildren(left, right)));
  });

  it('hashes the empty leaf to the published size-1 root of the Certificate Transparency vectors', () => {
    expect(hex(hashLeaf(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('refuses child hashes that are not 32 bytes', () => {
    const good = hashLeaf(new Uint8Array());
    expect(codeOf(() => hashChildren(good, good.subarray(1)))).toBe('audit/tree_invalid_hash');
    expect(codeOf(() => hashChildren(new Uint8Array(33), good))).toBe('audit/tree_invalid_hash');
  });

  it('folds a compact range from the right, matching the RFC 6962 tree shape', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((leaf) => hashLeaf(Buffer.from(leaf)));
    const ab = hashChildren(a, b);
    expect(hex(foldSubtreeHashes([ab, c]))).toBe(hex(hashChildren(ab, c)));
    expect(hex(foldSubtreeHashes([a]))).toBe(hex(a));
    expect(hex(foldSubtreeHashes([]))).toBe(hex(emptyTreeRoot()));
  });

  it('compares hashes by value', () => {
    const hash = hashLeaf(Buffer.from('x'));
    expect(merkleHashesEqual(hash, Uint8Array.from(hash))).toBe(true);
    expect(merkleHashesEqual(hash, hash.subarray(1))).toBe(false);
    expect(merkleHashesEqual(hash, hashLeaf(Buffer.from('y')))).toBe(false);
  });
});
