import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { encodeBase64 } from '../canonical/base64.codec.js';
import { formatCheckpoint } from '../note/checkpoint.codec.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteSigner } from '../note/ed25519-note.signer.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { ed25519SpkiDer, encodeNoteSignerKey, encodeNoteVerifierKey } from '../note/note-key.codec.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { parseSignedNote } from '../note/signed-note.codec.js';
import { cosignNote, signNote } from '../note/signed-note.signer.js';
import { openSignedNote } from '../note/signed-note.verifier.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { decodeCosignatureSignerKey, decodeCosignatureVerifierKey } from './cosignature-key.codec.js';
import { generateCosignatureKeyPair } from './cosignature-key.generator.js';
import { cosignatureTimestamp } from './cosignature-message.codec.js';
import { Ed25519CosignatureSigner } from './ed25519-cosignature.signer.js';
import { Ed25519CosignatureVerifier } from './ed25519-cosignature.verifier.js';

const ORIGIN = 'verity.example/audit/tenant-1';
const CHECKPOINT = formatCheckpoint({ origin: ORIGIN, size: 7, rootHash: hashLeaf(new TextEncoder().encode('x')) });
const SEED = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const FIXED = new Date('2026-03-01T12:00:00.750Z');
const FIXED_SECONDS = Math.floor(FIXED.getTime() / 1000);

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

function syncCodeOf(action: () => unknown): Promise<string | undefined> {
  return codeOf(() => Promise.resolve().then(action));
}

describe('Ed25519CosignatureSigner', () => {
  const cosigner = Ed25519CosignatureSigner.fromSeed('witness.verity.example', SEED, () => FIXED);
  const verifier = Ed25519CosignatureVerifier.fromVerifierKey(cosigner.verifierKey);

  it('signs cosignature/v1 over the whole checkpoint with the time it was asked, in whole seconds', async () => {
    const note = await signNote(CHECKPOINT, [cosigner]);
    const [line] = parseSignedNote(note).signatures;
    expect(line).toMatchObject({ name: 'witness.verity.example', keyId: cosigner.keyId });
    expect(cosignatureTimestamp(line)).toBe(FIXED_SECONDS);

    // Checked here without the codec: the signature is Ed25519 over the message the spec spells out.
    const publicKey = decodeCosignatureVerifierKey(cosigner.verifierKey).publicKey;
    const message = `cosignature/v1\ntime ${FIXED_SECONDS}\n${CHECKPOINT}`;
    const key = createPublicKey({ key: ed25519SpkiDer(publicKey), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(message), key, line.signature.subarray(8))).toBe(true);

    expect(openCheckpoint(note, [verifier]).checkpoint.size).toBe(7);
  });

  it('is reproducible: the same key, time and checkpoint give the same line', async () => {
    const again = Ed25519CosignatureSigner.fromSeed('witness.verity.example', SEED, () => FIXED);
    expect(await signNote(CHECKPOINT, [again])).toBe(await signNote(CHECKPOINT, [cosigner]));
    const later = Ed25519CosignatureSigner.fromSeed(
      'witness.verity.example',
      SEED,
      () => new Date(FIXED.getTime() + 1000),
    );
    expect(await signNote(CHECKPOINT, [later])).not.toBe(await signNote(CHECKPOINT, [cosigner]));
  });

  it('adds a cosignature next to the log signature, and both verify with their own keys', async () => {
    const log = generateNoteKeyPair(ORIGIN);
    const logSigned = await signNote(CHECKPOINT, [Ed25519NoteSigner.fromSignerKey(log.signerKey)]);
    const cosigned = await cosignNote(logSigned, [cosigner]);
    expect(cosigned.startsWith(logSigned)).toBe(true);
    const opened = openCheckpoint(cosigned, [Ed25519NoteVerifier.fromVerifierKey(log.verifierKey), verifier]);
    expect(opened.signatures.map(({ name }) => name)).toEqual([ORIGIN, 'witness.verity.example']);
  });

  it('keeps witness and log signatures apart even for one Ed25519 key', async () => {
    // The same seed as a plain note key: different key ids, and neither signature verifies as the other kind.
    const plainSigner = Ed25519NoteSigner.fromSeed('witness.verity.example', SEED);
    expect(plainSigner.keyId).not.toBe(cosigner.keyId);
    const plainVerifier = Ed25519NoteVerifier.fromVerifierKey(plainSigner.verifierKey);
    const cosigned = await signNote(CHECKPOINT, [cosigner]);
    expect(await syncCodeOf(() => openSignedNote(cosigned, [plainVerifier]))).toBe('audit/note_unverified');

    const message = new TextEncoder().encode(CHECKPOINT);
    const plainSignature = await plainSigner.sign(message);
    expect(verifier.verify(message, Uint8Array.from([...new Uint8Array(8), ...plainSignature]))).toBe(false);
    expect(await syncCodeOf(() => Ed25519NoteVerifier.fromVerifierKey(cosigner.verifierKey))).toBe(
      'audit/note_invalid_key',
    );
  });

  it('reads signer keys of type 0x04 and of type 0x01, which name the same witness key', async () => {
    const native = Ed25519CosignatureSigner.fromSignerKey(generateCosignatureKeyPair('w1.example').signerKey);
    expect(native.verifierKey).toMatch(/^w1\.example\+[0-9a-f]{8}\+B[A-P]/);

    const noteKey = encodeNoteSignerKey('w2.example', SEED);
    const fromNoteKey = Ed25519CosignatureSigner.fromSignerKey(noteKey, () => FIXED);
    const noteVerifierKey = encodeNoteVerifierKey('w2.example', decodeCosignatureSignerKey(noteKey).publicKey);
    const note = await signNote(CHECKPOINT, [fromNoteKey]);
    expect(openSignedNote(note, [Ed25519CosignatureVerifier.fromVerifierKey(noteVerifierKey)]).signatures).toHaveLength(
      1,
    );
  });

  it('refuses to cosign text that is not a checkpoint, and keys that are malformed', async () => {
    expect(await codeOf(() => signNote('just a note\n', [cosigner]))).toBe('audit/checkpoint_malformed');
    expect(await syncCodeOf(() => Ed25519CosignatureSigner.fromSignerKey('PRIVATE+KEY+w+00000000+BA=='))).toBe(
      'audit/note_invalid_key',
    );
    const wrongId = generateCosignatureKeyPair('w3.example').signerKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(await syncCodeOf(() => Ed25519CosignatureSigner.fromSignerKey(wrongId))).toBe('audit/note_invalid_key');
  });

  it('refuses a signature line altered after signing', async () => {
    const note = await signNote(CHECKPOINT, [cosigner]);
    const [line] = parseSignedNote(note).signatures;
    const flipped = Uint8Array.from(line.signature);
    flipped[flipped.length - 1] ^= 1;
    const keyId = Buffer.alloc(4);
    keyId.writeUInt32BE(line.keyId);
    const forged = `${CHECKPOINT}\n\u2014 ${line.name} ${encodeBase64(Uint8Array.from([...keyId, ...flipped]))}\n`;
    expect(await syncCodeOf(() => openSignedNote(forged, [verifier]))).toBe('audit/note_invalid_signature');
  });
});
