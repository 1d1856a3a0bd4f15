import { ProofError } from '../audit.errors.js';
import { foldSubtreeHashes, isMerkleHash } from '../tree/merkle-tree.hasher.js';
import type { SubtreeHashSource } from '../tree/subtree-hash.source.js';
import type { ProofNodePlan } from './merkle-proof.planner.js';

function checked(hash: Uint8Array, level: number, index: number): Uint8Array {
  if (!isMerkleHash(hash)) {
    throw new ProofError('audit/proof_invalid_hash', `stored subtree (${level}, ${index}) is not a 32-byte hash`);
  }
  return hash;
}

/** Turns a proof plan into hashes, reading every subtree at once so a stored source can answer in one round trip. */
export async function resolveProofPlan(
  plan: readonly ProofNodePlan[],
  source: SubtreeHashSource,
): Promise<Uint8Array[]> {
  const reads = plan.map((node) =>
    Promise.all(node.map(async ({ level, index }) => checked(await source.hash(level, index), level, index))),
  );
  return (await Promise.all(reads)).map(foldSubtreeHashes);
}

export function resolveProofPlanSync(
  plan: readonly ProofNodePlan[],
  subtreeHash: (level: number, index: number) => Uint8Array,
): Uint8Array[] {
  return plan.map((node) =>
    foldSubtreeHashes(node.map(({ level, index }) => checked(subtreeHash(level, index), level, index))),
  );
}
