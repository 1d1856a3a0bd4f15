import { ProofError } from '../audit.errors.js';
import { rootFromLeafHashes } from '../tree/compact-range.builder.js';
import type { SubtreeHashSource } from '../tree/subtree-hash.source.js';
import { planConsistencyProof } from './merkle-proof.planner.js';
import { resolveProofPlan, resolveProofPlanSync } from './proof-plan.resolver.js';

/** The RFC 6962 consistency proof from tree size `from` to tree size `to`, from O(log n) stored subtrees. */
export async function consistencyProof(from: number, to: number, source: SubtreeHashSource): Promise<Uint8Array[]> {
  return resolveProofPlan(planConsistencyProof(from, to), source);
}

/** The same proof over leaf hashes held in memory (at least `to` of them). Costs O(to) hashing per call. */
export function consistencyProofFromLeafHashes(
  from: number,
  to: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  const plan = planConsistencyProof(from, to);
  if (to > leafHashes.length) {
    throw new ProofError(
      'audit/proof_invalid_size',
      `tree size ${to} exceeds the ${leafHashes.length} leaf hashes given`,
    );
  }
  return resolveProofPlanSync(plan, (level, subtreeIndex) => {
    const width = 2 ** level;
    return rootFromLeafHashes(leafHashes.slice(subtreeIndex * width, (subtreeIndex + 1) * width));
  });
}
