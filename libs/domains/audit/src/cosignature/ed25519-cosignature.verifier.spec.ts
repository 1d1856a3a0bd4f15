import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { openSignedNote } from '../note/signed-note.verifier.js';
import { decodeCosignatureVerifierKey } from './cosignature-key.codec.js';
import { cosignatureTimestamp } from './cosignature-message.codec.js';
import { Ed25519CosignatureVerifier } from './ed25519-cosignature.verifier.js';

// A checkpoint cosigned by a witness, from FiloSottile/sunlight cmd/skylight/testdata (witness/witness.v0.json and
// witness/000de184…/checkpoint), generated there with filippo.io/torchwood's cosignature signer at 2025-12-31T00:00Z.
// The log line is an RFC 6962 signature (type 0x05), which a verifier that does not know the key must ignore.
const SUNLIGHT_WITNESS_KEY = 'witness.example.org+b8a2cf20+BFLN3yikSfFkVAJtrnh/CiY3Zozkoy7clp+P7XB28qUN';
const SUNLIGHT_CHECKPOINT = 'rome2026h1.example.org\n300\nlCkHUpkmVBEms2r2T1K6Og69+wUuuN3MIEW1/ezu2v0=\n';
const SUNLIGHT_LOG_LINE =
  '\u2014 rome2026h1.example.org kVB1JgAAAZtxtEwABAMARzBFAiEAi+mTa2xjL1IdWpH82OeciGsGvwRAP+f1WkfKaSZCfFECIHoNPZ/Q3y6UNzvKOO9cuLr6V16vPNfhwhle9f6r5H/Z\n';
const SUNLIGHT_WITNESS_SIGNATURE =
  'uKLPIAAAAABpVGeAhm2bOvKc3LaB9PFN1ruG19Y5yqslmcAAbhftnn1Zznmo0LXFZq4LGvqKqLX8jWlwLKasxEGTLIqAVusneCBmBw==';
const SUNLIGHT_TIMESTAMP = 1767139200;

// Verifier keys and a cosignature from transparency-dev/formats note/note_cosigv1_test.go (TestCoSigV1NewVerifier,
// TestCosignatureTimestamp): a native type 0x04 key, a plain Ed25519 key (type 0x01) accepted as a cosigner key, and a
// signature whose timestamp is 1727964367.
const FORMATS_NATIVE_KEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
const FORMATS_NOTE_KEY = 'TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6';
const FORMATS_COSIGNATURE =
  'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==';
const FORMATS_PLAIN_SIGNATURE =
  'eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

function witnessLine(signatureBase64: string): string {
  return `\u2014 witness.example.org ${signatureBase64}\n`;
}

function sunlightNote(text = SUNLIGHT_CHECKPOINT, signature = SUNLIGHT_WITNESS_SIGNATURE): string {
  return `${text}\n${SUNLIGHT_LOG_LINE}${witnessLine(signature)}`;
}

/** The sunlight cosignature with its 8-byte timestamp (after the 4-byte key id) moved by `delta` seconds. */
function shiftedTimestamp(delta: number): string {
  const bytes = decodeBase64(SUNLIGHT_WITNESS_SIGNATURE);
  if (bytes === undefined) throw new Error('bad vector');
  const copy = Uint8Array.from(bytes);
  const view = new DataView(copy.buffer);
  view.setBigUint64(4, view.getBigUint64(4) + BigInt(delta));
  return encodeBase64(copy);
}

describe('Ed25519CosignatureVerifier', () => {
  const witness = Ed25519CosignatureVerifier.fromVerifierKey(SUNLIGHT_WITNESS_KEY);

  it('verifies the cosignature torchwood made over the sunlight test checkpoint and reads its time', () => {
    expect(witness.keyId).toBe(0xb8a2cf20);
    const opened = openSignedNote(sunlightNote(), [witness]);
    expect(opened.text).toBe(SUNLIGHT_CHECKPOINT);
    expect(opened.signatures.map(({ name }) => name)).toEqual(['witness.example.org']);
    expect(opened.unverifiedSignatures.map(({ name }) => name)).toEqual(['rome2026h1.example.org']);
    expect(cosignatureTimestamp(opened.signatures[0])).toBe(SUNLIGHT_TIMESTAMP);
  });

  it('refuses the cosignature when its timestamp is moved, even by one second', () => {
    for (const delta of [1, -1, 86_400]) {
      expect(codeOf(() => openSignedNote(sunlightNote(SUNLIGHT_CHECKPOINT, shiftedTimestamp(delta)), [witness]))).toBe(
        'audit/note_invalid_signature',
      );
    }
  });

  it('refuses the cosignature over a changed size, root or an added extension line', () => {
    const tampered = [
      SUNLIGHT_CHECKPOINT.replace('\n300\n', '\n301\n'),
      SUNLIGHT_CHECKPOINT.replace('lCkH', 'lCkI'),
      `${SUNLIGHT_CHECKPOINT}extension\n`,
    ];
    for (const text of tampered) {
      expect(codeOf(() => openCheckpoint(sunlightNote(text), [witness]))).toBe('audit/note_invalid_signature');
    }
  });

  it('refuses a signature of the wrong length and text that is not a checkpoint', () => {
    const message = new TextEncoder().encode(SUNLIGHT_CHECKPOINT);
    const signature = decodeBase64(SUNLIGHT_WITNESS_SIGNATURE)?.subarray(4) ?? new Uint8Array();
    expect(witness.verify(message, signature)).toBe(true);
    expect(witness.verify(message, signature.subarray(8))).toBe(false);
    expect(witness.verify(message, Uint8Array.from([...signature, 0]))).toBe(false);
    expect(witness.verify(new TextEncoder().encode('not a checkpoint\n'), signature)).toBe(false);
  });

  it('accepts the published verifier keys of transparency-dev/formats, native and converted', () => {
    const native = decodeCosignatureVerifierKey(FORMATS_NATIVE_KEY);
    expect(native).toMatchObject({ name: 'remora.n621.de', keyId: 0xda77ade7 });
    expect(Ed25519CosignatureVerifier.fromVerifierKey(FORMATS_NATIVE_KEY).verifierKey).toBe(FORMATS_NATIVE_KEY);

    // A type 0x01 key names the same Ed25519 key; as a cosigner it gets the 0x04 key id, not the one it was written with.
    const converted = Ed25519CosignatureVerifier.fromVerifierKey(FORMATS_NOTE_KEY);
    expect(converted.name).toBe('TEST');
    expect(converted.keyId).not.toBe(0x7997405c);
    expect(converted.verifierKey).toMatch(/^TEST\+[0-9a-f]{8}\+B[A-P]/);
    expect(Ed25519CosignatureVerifier.fromVerifierKey(converted.verifierKey).keyId).toBe(converted.keyId);
  });

  it('refuses malformed verifier keys and key ids that do not match', () => {
    const bad = [
      'bananas.sigstore.dev+12344556',
      'rekor.sigstore.dev+12345678+THIS_IS_NOT_BASE64!',
      'rekor.sigstore.dev+12345678+AwEB',
      FORMATS_NATIVE_KEY.replace('+da77ade7+', '+00000000+'),
      FORMATS_NOTE_KEY.replace('+7997405c+', '+00000000+'),
    ];
    for (const key of bad) expect(codeOf(() => decodeCosignatureVerifierKey(key))).toBe('audit/note_invalid_key');
  });

  it('reads the timestamp of the transparency-dev/formats cosignature and refuses a plain signature', () => {
    const withKeyId = decodeBase64(FORMATS_COSIGNATURE) ?? new Uint8Array();
    expect(cosignatureTimestamp({ signature: withKeyId.subarray(4) })).toBe(1727964367);
    const plain = decodeBase64(FORMATS_PLAIN_SIGNATURE) ?? new Uint8Array();
    expect(codeOf(() => cosignatureTimestamp({ signature: plain.subarray(4) }))).toBe(
      'audit/note_malformed_cosignature',
    );
  });
});
