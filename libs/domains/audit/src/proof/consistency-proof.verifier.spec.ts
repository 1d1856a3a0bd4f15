import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { AuditError, ProofError } from '../audit.errors.js';
import { rootFromLeafHashes } from '../tree/compact-range.builder.js';
import { LeafHashArraySource } from '../tree/leaf-hash-array.source.js';
import { emptyTreeRoot } from '../tree/merkle-tree.hasher.js';
import { verifyConsistency } from './consistency-proof.verifier.js';
import { planConsistencyProof } from './merkle-proof.planner.js';
import { resolveProofPlanSync } from './proof-plan.resolver.js';

const leafHashOf = (i: number): Uint8Array =>
  new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(`entry ${i}`).digest());

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

function flipBit(hash: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(hash);
  copy[Math.floor(bit / 8)] ^= 1 << (bit % 8);
  return copy;
}

const leaves = Array.from({ length: 1024 }, (_, i) => leafHashOf(i));
const source = new LeafHashArraySource(leaves);
const proofFor = (from: number, to: number): Uint8Array[] =>
  resolveProofPlanSync(planConsistencyProof(from, to), (level, at) => source.subtreeHash(level, at));
const roots = Array.from({ length: 1025 }, (_, size) => rootFromLeafHashes(leaves.slice(0, size)));

describe('verifyConsistency', () => {
  it('returns what it verified', () => {
    expect(verifyConsistency(3, 7, proofFor(3, 7), roots[3], roots[7])).toEqual({
      fromSize: 3,
      toSize: 7,
      fromRoot: roots[3],
      toRoot: roots[7],
    });
  });

  it('fails with root_mismatch when a bit of any proof hash or either root is flipped (sizes up to 48)', () => {
    for (let to = 2; to <= 48; to += 1) {
      for (let from = 1; from < to; from += 1) {
        const proof = proofFor(from, to);
        proof.forEach((hash, position) => {
          const tampered = proof.with(position, flipBit(hash, (from * 13 + position * 5) % 256));
          expect(codeOf(() => verifyConsistency(from, to, tampered, roots[from], roots[to]))).toBe(
            'audit/proof_root_mismatch',
          );
        });
        expect(codeOf(() => verifyConsistency(from, to, proof, flipBit(roots[from], 3), roots[to]))).toBe(
          'audit/proof_root_mismatch',
        );
        expect(codeOf(() => verifyConsistency(from, to, proof, roots[from], flipBit(roots[to], 200)))).toBe(
          'audit/proof_root_mismatch',
        );
      }
    }
  });

  it('detects a rewritten entry: the old root is not a prefix of a tree where one leaf changed', () => {
    const forged = [...leaves.slice(0, 500)];
    forged[123] = leafHashOf(-1);
    const forgedSource = new LeafHashArraySource(forged);
    const forgedProof = resolveProofPlanSync(planConsistencyProof(200, 500), (level, at) =>
      forgedSource.subtreeHash(level, at),
    );
    expect(codeOf(() => verifyConsistency(200, 500, forgedProof, roots[200], rootFromLeafHashes(forged)))).toBe(
      'audit/proof_root_mismatch',
    );
  });

  it('rejects the proof for other sizes, swapped roots, reordered or altered hash lists', () => {
    for (const [from, to] of [
      [1, 8],
      [6, 8],
      [2, 5],
      [6, 7],
      [300, 777],
      [512, 1024],
    ]) {
      const proof = proofFor(from, to);
      const wrong = [
        () => verifyConsistency(from - 1, to, proof, roots[from], roots[to]),
        () => verifyConsistency(from + 1, to, proof, roots[from], roots[to]),
        () => verifyConsistency(from ^ 2, to, proof, roots[from], roots[to]),
        () => verifyConsistency(from, to * 2, proof, roots[from], roots[to]),
        () => verifyConsistency(from, Math.floor(to / 2), proof, roots[from], roots[to]),
        () => verifyConsistency(from, to, proof, roots[to], roots[from]),
        () => verifyConsistency(from, to, [], roots[from], roots[to]),
        () => verifyConsistency(from, to, [...proof, roots[from]], roots[from], roots[to]),
        () => verifyConsistency(from, to, [proof[0], ...proof], roots[from], roots[to]),
        () => verifyConsistency(from, to, proof.slice(0, -1), roots[from], roots[to]),
        () => verifyConsistency(from, to, [...proof].reverse(), roots[from], roots[to]),
      ];
      wrong.forEach((attempt, which) => {
        if (proof.length < 2 && which === 10) return;
        expect(() => attempt(), `probe ${which} for ${from} → ${to}`).toThrow(ProofError);
      });
    }
  });

  it('names a proof from a larger to a smaller tree as sizes_reversed', () => {
    expect(codeOf(() => verifyConsistency(8, 6, proofFor(6, 8), roots[8], roots[6]))).toBe(
      'audit/proof_sizes_reversed',
    );
    expect(codeOf(() => verifyConsistency(1, 0, [], roots[1], roots[0]))).toBe('audit/proof_sizes_reversed');
  });

  it('names a proof of the wrong length as wrong_length', () => {
    expect(codeOf(() => verifyConsistency(1, 2, [], roots[1], roots[2]))).toBe('audit/proof_wrong_length');
    expect(codeOf(() => verifyConsistency(5, 5, [roots[5]], roots[5], roots[5]))).toBe('audit/proof_wrong_length');
    expect(codeOf(() => verifyConsistency(0, 5, [roots[5]], roots[0], roots[5]))).toBe('audit/proof_wrong_length');
  });

  it('accepts equal sizes only with equal roots, and growth from empty only from the real empty root', () => {
    expect(verifyConsistency(7, 7, [], roots[7], roots[7]).toSize).toBe(7);
    expect(codeOf(() => verifyConsistency(7, 7, [], roots[7], roots[6]))).toBe('audit/proof_root_mismatch');
    expect(verifyConsistency(0, 9, [], emptyTreeRoot(), roots[9]).fromSize).toBe(0);
    expect(verifyConsistency(0, 0, [], emptyTreeRoot(), emptyTreeRoot()).toSize).toBe(0);
    expect(codeOf(() => verifyConsistency(0, 9, [], roots[1], roots[9]))).toBe('audit/proof_root_mismatch');
    expect(codeOf(() => verifyConsistency(0, 0, [], emptyTreeRoot(), roots[1]))).toBe('audit/proof_root_mismatch');
  });

  it('names bad hashes and sizes', () => {
    const proof = proofFor(3, 7);
    expect(codeOf(() => verifyConsistency(3, 7, proof, roots[3].subarray(1), roots[7]))).toBe(
      'audit/proof_invalid_hash',
    );
    expect(codeOf(() => verifyConsistency(3, 7, proof.with(1, new Uint8Array(5)), roots[3], roots[7]))).toBe(
      'audit/proof_invalid_hash',
    );
    expect(codeOf(() => verifyConsistency(3, Infinity, proof, roots[3], roots[7]))).toBe('audit/proof_invalid_size');
  });
});
