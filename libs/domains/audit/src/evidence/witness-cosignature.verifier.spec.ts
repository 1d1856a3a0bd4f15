import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AuditError } from '../audit.errors.js';
import { decodeBase64 } from '../canonical/base64.codec.js';
import { verifyPageScript } from './verify-page.renderer.js';
import { WitnessCosignatureVerifier } from './witness-cosignature.verifier.js';

// A cosignature made by another implementation: FiloSottile/sunlight cmd/skylight/testdata, signed there with
// filippo.io/torchwood's cosigner at 2025-12-31T00:00Z over this checkpoint body.
const WITNESS_KEY = 'witness.example.org+b8a2cf20+BFLN3yikSfFkVAJtrnh/CiY3Zozkoy7clp+P7XB28qUN';
const CHECKPOINT = 'rome2026h1.example.org\n300\nlCkHUpkmVBEms2r2T1K6Og69+wUuuN3MIEW1/ezu2v0=\n';
const SIGNATURE_LINE_BASE64 =
  'uKLPIAAAAABpVGeAhm2bOvKc3LaB9PFN1ruG19Y5yqslmcAAbhftnn1Zznmo0LXFZq4LGvqKqLX8jWlwLKasxEGTLIqAVusneCBmBw==';
const TIME = '1767139200';

/** The bytes after the 4-byte key id: timestamp and signature. */
const signature = (decodeBase64(SIGNATURE_LINE_BASE64) ?? new Uint8Array()).subarray(4);

interface PageWitness {
  readonly label: string;
}
const page = runInThisContext(
  `(function () {\n${verifyPageScript()}\nreturn { decodeVerifierKey, verifyCosignature };\n})()`,
) as {
  decodeVerifierKey(text: string, type: number): Promise<PageWitness>;
  verifyCosignature(witness: PageWitness, text: string, signature: Uint8Array): Promise<string | undefined>;
};

function shifted(seconds: bigint): Uint8Array {
  const copy = Uint8Array.from(signature);
  const view = new DataView(copy.buffer);
  view.setBigUint64(0, view.getBigUint64(0) + seconds);
  return copy;
}

describe('timestamped witness cosignatures (type 0x04)', () => {
  const witness = WitnessCosignatureVerifier.fromVerifierKey(WITNESS_KEY);

  it('verify the cosignature torchwood made, in Node and in the page script, and read its time', async () => {
    expect(witness.label).toBe('witness.example.org+b8a2cf20');
    expect(witness.verify(CHECKPOINT, signature)).toBe(TIME);

    const pageWitness = await page.decodeVerifierKey(WITNESS_KEY, 0x04);
    expect(pageWitness.label).toBe('witness.example.org+b8a2cf20');
    expect(await page.verifyCosignature(pageWitness, CHECKPOINT, signature)).toBe(TIME);
  });

  it.each([
    ['a timestamp moved by one second', CHECKPOINT, shifted(1n)],
    ['another tree size', CHECKPOINT.replace('\n300\n', '\n301\n'), signature],
    ['an added extension line', `${CHECKPOINT}extension\n`, signature],
    ['a signature without its timestamp', CHECKPOINT, signature.subarray(8)],
  ])('refuse %s', async (_, text, bytes) => {
    expect(witness.verify(text, bytes)).toBeUndefined();
    expect(await page.verifyCosignature(await page.decodeVerifierKey(WITNESS_KEY, 0x04), text, bytes)).toBeUndefined();
  });

  it.each([
    ['a log key (type 0x01)', 'TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6'],
    ['a wrong key id', WITNESS_KEY.replace('+b8a2cf20+', '+b8a2cf21+')],
    ['no key', 'witness.example.org+b8a2cf20+'],
    ['a name with a space', `witness example${WITNESS_KEY.slice('witness.example'.length)}`],
  ])('refuse %s as a witness key', async (_, key) => {
    expect(() => WitnessCosignatureVerifier.fromVerifierKey(key)).toThrow(AuditError);
    await expect(page.decodeVerifierKey(key, 0x04)).rejects.toMatchObject({ code: 'audit/note_invalid_key' });
  });
});
