import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { canonicalJsonBytes } from '../canonical/canonical-json.encoder.js';
import { formatCheckpoint } from '../note/checkpoint.codec.js';
import { Ed25519NoteSigner } from '../note/ed25519-note.signer.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { cosignNote, signNote } from '../note/signed-note.signer.js';
import type { NoteSigner } from '../note/signed-note.signer.js';
import { CompactRangeBuilder } from '../tree/compact-range.builder.js';
import { LeafHashArraySource } from '../tree/leaf-hash-array.source.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { inclusionProof } from './inclusion-proof.builder.js';
import { encodeTlogProof } from './tlog-proof.codec.js';
import { verifyTlogProof } from './tlog-proof.verifier.js';

const ORIGIN = 'verity.example/tenant-7';

const entries = Array.from({ length: 200 }, (_, index) =>
  canonicalJsonBytes({ index, action: 'case.opened', actor: { type: 'user', id: `u-${index % 7}` } }),
);
const leafHashes = entries.map((entry) => hashLeaf(entry));
const source = new LeafHashArraySource(leafHashes);

const logKeys = generateNoteKeyPair(ORIGIN);
const logSigner = Ed25519NoteSigner.fromSignerKey(logKeys.signerKey);
const logVerifier = Ed25519NoteVerifier.fromVerifierKey(logKeys.verifierKey);

async function signedCheckpoint(size: number, signers: readonly NoteSigner[] = [logSigner]): Promise<string> {
  const builder = new CompactRangeBuilder();
  for (const leafHash of leafHashes.slice(0, size)) builder.append(leafHash);
  return signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash: builder.root() }), signers);
}

async function proofText(index: number, size: number, checkpoint?: string): Promise<string> {
  return encodeTlogProof({
    index,
    hashes: await inclusionProof(index, size, source),
    checkpoint: checkpoint ?? (await signedCheckpoint(size)),
  });
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('verifyTlogProof', () => {
  it('verifies proofs for entries across the log, from the leaf bytes or the leaf hash', async () => {
    const checkpoint = await signedCheckpoint(200);
    for (const index of [0, 1, 63, 64, 127, 150, 199]) {
      const text = await proofText(index, 200, checkpoint);
      const verified = verifyTlogProof({ leafBytes: entries[index] }, text, [logVerifier], { origin: ORIGIN });
      expect(verified.index).toBe(index);
      expect(verified.checkpoint.size).toBe(200);
      expect(verified.signatures.map(({ name }) => name)).toEqual([ORIGIN]);
      expect(verifyTlogProof({ leafHash: leafHashes[index] }, text, [logVerifier]).index).toBe(index);
    }
  });

  it('returns the extra data, unauthenticated', async () => {
    const text = encodeTlogProof({
      index: 3,
      hashes: await inclusionProof(3, 10, source),
      checkpoint: await signedCheckpoint(10),
      extra: Uint8Array.of(9, 9),
    });
    expect(verifyTlogProof({ leafBytes: entries[3] }, text, [logVerifier]).extra).toEqual(Uint8Array.of(9, 9));
  });

  it('fails when the entry is not the one proven', async () => {
    const text = await proofText(10, 50);
    expect(codeOf(() => verifyTlogProof({ leafBytes: entries[11] }, text, [logVerifier]))).toBe(
      'audit/proof_root_mismatch',
    );
    const edited = canonicalJsonBytes({ index: 10, action: 'case.closed', actor: { type: 'user', id: 'u-3' } });
    expect(codeOf(() => verifyTlogProof({ leafBytes: edited }, text, [logVerifier]))).toBe('audit/proof_root_mismatch');
  });

  it('detects any one-character change to the proof text', async () => {
    const text = await proofText(77, 130);
    for (let at = 0; at < text.length; at += 1) {
      const replacement = text[at] === 'A' ? 'B' : 'A';
      const tampered = text.slice(0, at) + replacement + text.slice(at + 1);
      expect(
        () => verifyTlogProof({ leafBytes: entries[77] }, tampered, [logVerifier], { origin: ORIGIN }),
        `change at ${at}`,
      ).toThrow(AuditError);
    }
  });

  it('fails on a forged checkpoint signed by a key that is not trusted', async () => {
    const forger = Ed25519NoteSigner.fromSignerKey(generateNoteKeyPair(ORIGIN).signerKey);
    const text = await proofText(5, 20, await signedCheckpoint(20, [forger]));
    expect(codeOf(() => verifyTlogProof({ leafBytes: entries[5] }, text, [logVerifier]))).toBe('audit/note_unverified');
  });

  it('fails for an index beyond the checkpoint size', async () => {
    const text = encodeTlogProof({ index: 20, hashes: [], checkpoint: await signedCheckpoint(20) });
    expect(codeOf(() => verifyTlogProof({ leafBytes: entries[20] }, text, [logVerifier]))).toBe(
      'audit/proof_index_out_of_range',
    );
  });

  it('fails for a proof made for another tree size than the checkpoint', async () => {
    const text = encodeTlogProof({
      index: 5,
      hashes: await inclusionProof(5, 30, source),
      checkpoint: await signedCheckpoint(32),
    });
    expect(codeOf(() => verifyTlogProof({ leafBytes: entries[5] }, text, [logVerifier]))).toMatch(
      /^audit\/proof_(root_mismatch|wrong_length)$/,
    );
  });

  it('refuses a proof for another log', async () => {
    const text = await proofText(1, 4);
    expect(
      codeOf(() => verifyTlogProof({ leafBytes: entries[1] }, text, [logVerifier], { origin: 'other.example' })),
    ).toBe('audit/checkpoint_origin_mismatch');
  });

  it('keeps verifying through a key rotation and with witness cosignatures', async () => {
    const newKeys = generateNoteKeyPair(ORIGIN);
    const newSigner = Ed25519NoteSigner.fromSignerKey(newKeys.signerKey);
    const witnessKeys = generateNoteKeyPair('witness.example');
    const checkpoint = await cosignNote(await signedCheckpoint(64, [logSigner, newSigner]), [
      Ed25519NoteSigner.fromSignerKey(witnessKeys.signerKey),
    ]);
    const text = await proofText(33, 64, checkpoint);
    for (const trusted of [[logVerifier], [Ed25519NoteVerifier.fromVerifierKey(newKeys.verifierKey)]]) {
      expect(verifyTlogProof({ leafBytes: entries[33] }, text, trusted).index).toBe(33);
    }
  });
});
