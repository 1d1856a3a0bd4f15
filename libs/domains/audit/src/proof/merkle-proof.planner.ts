import { ProofError } from '../audit.errors.js';
import {
  differingBitLength,
  isPowerOfTwo,
  isTreeSize,
  largestPowerOfTwoBelow,
  popCount,
  subtreesCoveringRange,
  trailingZeros,
} from '../tree/merkle-tree.arithmetic.js';
import type { SubtreeAddress } from '../tree/subtree-hash.source.js';

/**
 * One hash of a proof: the fold of these perfect subtrees (left to right, largest first). It is a single subtree
 * except for the one node per proof that covers the ragged right edge of the tree.
 */
export type ProofNodePlan = readonly SubtreeAddress[];

function assertSize(value: number, what: string): void {
  if (!isTreeSize(value)) {
    throw new ProofError('audit/proof_invalid_size', `${what} ${value} is not a non-negative safe integer`);
  }
}

function assertInclusionArguments(index: number, size: number): void {
  assertSize(index, 'leaf index');
  assertSize(size, 'tree size');
  if (index >= size) {
    throw new ProofError('audit/proof_index_out_of_range', `leaf index ${index} is not below tree size ${size}`);
  }
}

function assertConsistencyArguments(from: number, to: number): void {
  assertSize(from, 'first tree size');
  assertSize(to, 'second tree size');
  if (from > to) {
    throw new ProofError('audit/proof_sizes_reversed', `tree size ${from} is larger than tree size ${to}`);
  }
}

/** How many hashes PATH(index, D[size]) has: one per level below the split from the right edge, plus the left border. */
export function inclusionProofLength(index: number, size: number): number {
  assertInclusionArguments(index, size);
  const inner = differingBitLength(index, size - 1);
  return inner + popCount(Math.floor(index / 2 ** inner));
}

/** How many hashes PROOF(from, D[to]) has (0 when from is 0 or equal to to). */
export function consistencyProofLength(from: number, to: number): number {
  assertConsistencyArguments(from, to);
  if (from === 0 || from === to) return 0;
  // The path of the last old leaf, minus the levels inside the old tree's rightmost perfect subtree, whose root is
  // sent as the first hash unless the old tree is that subtree (then the verifier already holds it as the old root).
  const inner = differingBitLength(from - 1, to - 1);
  const border = popCount(Math.floor((from - 1) / 2 ** inner));
  return (isPowerOfTwo(from) ? 0 : 1) + inner - trailingZeros(from) + border;
}

/** The nodes of PATH(index, D[size]) (RFC 6962 §2.1.1), in proof order: the leaf's sibling first, the root's child last. */
export function planInclusionProof(index: number, size: number): ProofNodePlan[] {
  assertInclusionArguments(index, size);
  const rootFirst: ProofNodePlan[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const split = largestPowerOfTwoBelow(end - start);
    if (index < start + split) {
      rootFirst.push(subtreesCoveringRange(start + split, end));
      end = start + split;
    } else {
      rootFirst.push(subtreesCoveringRange(start, start + split));
      start += split;
    }
  }
  return rootFirst.reverse();
}

/** The nodes of PROOF(from, D[to]) = SUBPROOF(from, D[to], true) (RFC 6962 §2.1.2), in proof order. */
export function planConsistencyProof(from: number, to: number): ProofNodePlan[] {
  assertConsistencyArguments(from, to);
  if (from === 0 || from === to) return [];
  const rootFirst: ProofNodePlan[] = [];
  let start = 0;
  let end = to;
  let remaining = from;
  // True while the old tree is a prefix of the current subtree's left edge, so its hash is the old root itself.
  let isOldRoot = true;
  while (remaining !== end - start) {
    const split = largestPowerOfTwoBelow(end - start);
    if (remaining <= split) {
      rootFirst.push(subtreesCoveringRange(start + split, end));
      end = start + split;
    } else {
      rootFirst.push(subtreesCoveringRange(start, start + split));
      start += split;
      remaining -= split;
      isOldRoot = false;
    }
  }
  if (!isOldRoot) rootFirst.push(subtreesCoveringRange(start, end));
  return rootFirst.reverse();
}
