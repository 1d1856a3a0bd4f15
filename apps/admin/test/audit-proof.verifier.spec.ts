import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  Ed25519NoteSigner,
  formatCheckpoint,
  generateNoteKeyPair,
  hashLeaf as serverHashLeaf,
  inclusionProofFromLeafHashes,
  rootFromLeafHashes,
  signNote,
} from '@domains/audit';
import {
  decodeBase64,
  encodeBase64,
  hashLeaf,
  parseCheckpointNote,
  verifyCheckpointNote,
  verifyInclusion,
} from '../src/features/audit/audit-proof.verifier.js';

// The admin UI's in-browser verifier, run by Node's WebCrypto against the server's own signer and proof builder, so
// the two cannot drift apart unnoticed.

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

/** The leaves of the Certificate Transparency reference tree (RFC 6962 test vectors, merkle_tree_test.go). */
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);

const leavesOf = (count: number): Uint8Array[] =>
  Array.from({ length: count }, (_, i) => new TextEncoder().encode(`{"entry":${String(i)}}`));

async function signedCheckpoint(
  size: number,
  signers: Ed25519NoteSigner[],
): Promise<{ note: string; root: Uint8Array }> {
  const root = rootFromLeafHashes(leavesOf(size).map(serverHashLeaf));
  const note = await signNote(formatCheckpoint({ origin: 'verity.local/demo', size, rootHash: root }), signers);
  return { note, root };
}

describe('audit proof verifier (browser code under Node WebCrypto)', () => {
  it('hashes leaves as RFC 6962 does', async () => {
    expect(hex(await hashLeaf(new Uint8Array()))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(hex(await hashLeaf(fromHex('00')))).toBe(
      hex(
        createHash('sha256')
          .update(Buffer.from([0, 0]))
          .digest(),
      ),
    );
  });

  it('verifies every inclusion proof of the CT reference tree against its published root', async () => {
    const root = fromHex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    const leafHashes = CT_LEAVES.map(serverHashLeaf);
    for (let index = 0; index < CT_LEAVES.length; index += 1) {
      const proof = inclusionProofFromLeafHashes(index, CT_LEAVES.length, leafHashes);
      expect(await verifyInclusion(CT_LEAVES[index], index, CT_LEAVES.length, proof, root)).toMatchObject({ ok: true });
    }
  });

  it('agrees with the server’s proofs for every leaf of trees of many sizes', async () => {
    for (const size of [1, 2, 3, 5, 7, 16, 17, 33]) {
      const leaves = leavesOf(size);
      const leafHashes = leaves.map(serverHashLeaf);
      const root = rootFromLeafHashes(leafHashes);
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProofFromLeafHashes(index, size, leafHashes);
        const outcome = await verifyInclusion(leaves[index], index, size, proof, root);
        expect(outcome.ok, `size ${String(size)} index ${String(index)}`).toBe(true);
      }
    }
  });

  it('rejects a changed leaf, a wrong index, a short or long proof, and an index beyond the tree', async () => {
    const leaves = leavesOf(7);
    const leafHashes = leaves.map(serverHashLeaf);
    const root = rootFromLeafHashes(leafHashes);
    const proof = inclusionProofFromLeafHashes(3, 7, leafHashes);
    const tampered = leaves[3].slice();
    tampered[0] ^= 1;
    expect(await verifyInclusion(tampered, 3, 7, proof, root)).toMatchObject({ ok: false });
    expect(await verifyInclusion(leaves[3], 2, 7, proof, root)).toMatchObject({ ok: false });
    expect(await verifyInclusion(leaves[3], 3, 7, proof.slice(1), root)).toMatchObject({ ok: false });
    expect(await verifyInclusion(leaves[3], 3, 7, [...proof, proof[0]], root)).toMatchObject({ ok: false });
    expect(await verifyInclusion(leaves[3], 7, 7, proof, root)).toMatchObject({
      ok: false,
      reason: 'leaf index 7 is not below tree size 7',
    });
  });

  it('verifies a checkpoint signed by the server’s signer, and names the keys', async () => {
    const pair = generateNoteKeyPair('verity.local');
    const signer = Ed25519NoteSigner.fromSignerKey(pair.signerKey);
    const { note, root } = await signedCheckpoint(5, [signer]);
    const outcome = await verifyCheckpointNote(note, [pair.verifierKey], 'verity.local/demo');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.checkpoint).toMatchObject({ origin: 'verity.local/demo', size: 5 });
    expect(hex(outcome.checkpoint.rootHash)).toBe(hex(root));
    expect(outcome.verifiedBy).toEqual([pair.verifierKey.split('+').slice(0, 2).join('+')]);
  });

  it('accepts a rotation’s two signatures with either key, and leaves unknown signers unchecked', async () => {
    const old = generateNoteKeyPair('verity.local');
    const fresh = generateNoteKeyPair('verity.local');
    const { note } = await signedCheckpoint(
      3,
      [old, fresh].map((k) => Ed25519NoteSigner.fromSignerKey(k.signerKey)),
    );
    const outcome = await verifyCheckpointNote(note, [fresh.verifierKey]);
    expect(outcome).toMatchObject({ ok: true, unverified: [old.verifierKey.split('+').slice(0, 2).join('+')] });
  });

  it('rejects a forged signature, a changed body, an unknown signer, a wrong origin and a bad key', async () => {
    const pair = generateNoteKeyPair('verity.local');
    const { note } = await signedCheckpoint(4, [Ed25519NoteSigner.fromSignerKey(pair.signerKey)]);
    const keys = [pair.verifierKey];

    const line = note.split('\n').find((l) => l.startsWith('\u2014 ')) ?? '';
    const signature = decodeBase64(line.split(' ')[2]) ?? new Uint8Array();
    signature[10] ^= 1;
    const forged = note.replace(line, `\u2014 verity.local ${encodeBase64(signature)}`);
    expect(await verifyCheckpointNote(forged, keys)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not verify/),
    });

    const changed = note.replace('\n4\n', '\n5\n');
    expect(await verifyCheckpointNote(changed, keys)).toMatchObject({ ok: false });

    const other = generateNoteKeyPair('verity.local');
    expect(await verifyCheckpointNote(note, [other.verifierKey])).toMatchObject({
      ok: false,
      reason: 'no signature by a trusted key',
    });
    expect(await verifyCheckpointNote(note, keys, 'verity.local/other')).toMatchObject({ ok: false });

    // name+keyhash+base64(alg ‖ key): the base64 part may itself contain '+', so split on the first two only.
    const [name, hash] = pair.verifierKey.split('+', 2);
    const key = pair.verifierKey.slice(`${name}+${hash}+`.length);
    expect(await verifyCheckpointNote(note, [`${name}+00000000+${key}`])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/key id does not match/),
    });
  });

  it('refuses malformed notes with a reason', () => {
    expect(() => parseCheckpointNote('verity.local/demo\n1\n')).toThrow(/blank line/);
    expect(() => parseCheckpointNote('verity.local/demo\nx\nAAAA\n\n\u2014 k AAAAAAA=\n')).toThrow();
  });
});
