import { formatCheckpoint } from '../note/checkpoint.codec.js';
import { Ed25519NoteSigner } from '../note/ed25519-note.signer.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { signNote } from '../note/signed-note.signer.js';
import { consistencyProofFromLeafHashes } from '../proof/consistency-proof.builder.js';
import { rootFromLeafHashes } from '../tree/compact-range.builder.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';

/**
 * An in-memory log for witness tests: leaves, RFC 6962 roots and proofs, and checkpoints signed with its own key, so
 * each test builds exactly the history (or the forged one) it needs.
 */
export class TestLog {
  readonly verifierKey: string;
  private readonly signer: Ed25519NoteSigner;
  private readonly leafHashes: Uint8Array[] = [];

  constructor(
    readonly origin: string,
    signerKey: string = generateNoteKeyPair(origin).signerKey,
  ) {
    this.signer = Ed25519NoteSigner.fromSignerKey(signerKey);
    this.verifierKey = this.signer.verifierKey;
  }

  get size(): number {
    return this.leafHashes.length;
  }

  append(count: number, label = 'entry'): this {
    for (let i = 0; i < count; i += 1) {
      this.leafHashes.push(hashLeaf(new TextEncoder().encode(`${label} ${this.leafHashes.length}`)));
    }
    return this;
  }

  root(size = this.size): Uint8Array {
    return rootFromLeafHashes(this.leafHashes.slice(0, size));
  }

  /** The signed checkpoint at `size`; pass `rootHash` to sign a tree the log does not have (a fork). */
  checkpoint(size = this.size, rootHash = this.root(size)): Promise<string> {
    return signNote(formatCheckpoint({ origin: this.origin, size, rootHash }), [this.signer]);
  }

  proof(from: number, to = this.size): Uint8Array[] {
    return consistencyProofFromLeafHashes(from, to, this.leafHashes);
  }

  /** A proof source for WitnessClient: proofs towards `to` from whatever size the witness asks for. */
  proofsTo(to = this.size): (oldSize: number) => Promise<Uint8Array[]> {
    return (oldSize) => Promise.resolve(this.proof(oldSize, to));
  }
}
