import { ProofError } from '../audit.errors.js';
import { rootFromLeafHashes } from '../tree/compact-range.builder.js';
import type { SubtreeHashSource } from '../tree/subtree-hash.source.js';
import { planInclusionProof } from './merkle-proof.planner.js';
import { resolveProofPlan, resolveProofPlanSync } from './proof-plan.resolver.js';

/** The RFC 6962 inclusion proof for leaf `index` in the tree of `size` leaves, from O(log n) stored subtrees. */
export async function inclusionProof(index: number, size: number, source: SubtreeHashSource): Promise<Uint8Array[]> {
  return resolveProofPlan(planInclusionProof(index, size), source);
}

/**
 * The same proof over leaf hashes held in memory (the tree is the first `size` of them). Costs O(size) hashing per
 * call; build a LeafHashArraySource instead when making many proofs over the same leaves.
 */
export function inclusionProofFromLeafHashes(
  index: number,
  size: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  const plan = planInclusionProof(index, size);
  if (size > leafHashes.length) {
    throw new ProofError(
      'audit/proof_invalid_size',
      `tree size ${size} exceeds the ${leafHashes.length} leaf hashes given`,
    );
  }
  return resolveProofPlanSync(plan, (level, subtreeIndex) => {
    const width = 2 ** level;
    return rootFromLeafHashes(leafHashes.slice(subtreeIndex * width, (subtreeIndex + 1) * width));
  });
}
