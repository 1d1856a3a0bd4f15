import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignedNoteError } from '../audit.errors.js';
import { decodeBase64 } from '../canonical/base64.codec.js';
import { ED25519_KEY_SIZE, ed25519SpkiDer, formatNoteKeyId, isValidNoteKeyName } from '../note/note-key.codec.js';

/** Signature type of c2sp.org/tlog-cosignature Ed25519 cosignatures (timestamped); it prefixes keys and enters key ids. */
export const COSIGNATURE_TYPE_ED25519 = 0x04;

const TIMESTAMP_SIZE = 8;
const ED25519_SIGNATURE_SIZE = 64;
// The spec caps the timestamp at 2^63 - 1 so that it fits a signed 64-bit integer everywhere.
const MAX_TIMESTAMP = 2n ** 63n - 1n;
const KEY_ID_HEX = /^[0-9a-fA-F]{8}$/;

/** key ID = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ 32-byte Ed25519 public key)[:4], big-endian. */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, COSIGNATURE_TYPE_ED25519))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

/** What a witness signs: `cosignature/v1\ntime <t>\n` followed by the whole checkpoint body (the note text). */
export function cosignatureMessage(checkpointText: string, time: bigint): Uint8Array {
  return new TextEncoder().encode(`cosignature/v1\ntime ${time}\n${checkpointText}`);
}

function invalidKey(reason: string): SignedNoteError {
  return new SignedNoteError('audit/note_invalid_key', `witness key: ${reason}`);
}

/**
 * Checks timestamped Ed25519 cosignatures (c2sp.org/tlog-cosignature) of one witness key, published as a verifier key
 * `<name>+<hex key id>+<base64(0x04 ‖ public key)>`.
 */
export class WitnessCosignatureVerifier {
  private constructor(
    readonly name: string,
    readonly keyId: number,
    private readonly publicKey: KeyObject,
  ) {}

  /** Throws SignedNoteError 'audit/note_invalid_key' for a malformed key, another type or a wrong key id. */
  static fromVerifierKey(verifierKey: string): WitnessCosignatureVerifier {
    // Only the first two '+' separate fields: base64 has '+' of its own.
    const first = verifierKey.indexOf('+');
    const second = first < 0 ? -1 : verifierKey.indexOf('+', first + 1);
    if (second < 0) throw invalidKey('expected <name>+<key id>+<key>');
    const name = verifierKey.slice(0, first);
    const keyIdHex = verifierKey.slice(first + 1, second);
    const keyBase64 = verifierKey.slice(second + 1);
    const decoded = decodeBase64(keyBase64);
    if (!isValidNoteKeyName(name) || !KEY_ID_HEX.test(keyIdHex) || decoded === undefined) {
      throw invalidKey('malformed name, key id or base64');
    }
    if (decoded[0] !== COSIGNATURE_TYPE_ED25519 || decoded.length !== 1 + ED25519_KEY_SIZE) {
      throw invalidKey(`a witness key is type 0x04 with ${ED25519_KEY_SIZE} bytes of Ed25519 key`);
    }
    const key = decoded.subarray(1);
    const keyId = Number.parseInt(keyIdHex, 16);
    if (cosignatureKeyId(name, key) !== keyId) throw invalidKey(`key id ${keyIdHex} does not match the key`);
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey({ key: ed25519SpkiDer(key), format: 'der', type: 'spki' });
    } catch (error) {
      throw invalidKey(`not a usable Ed25519 public key: ${String(error)}`);
    }
    return new WitnessCosignatureVerifier(name, keyId, publicKey);
  }

  get label(): string {
    return `${this.name}+${formatNoteKeyId(this.keyId)}`;
  }

  /**
   * `signature` is a signature line's bytes after the key id: an 8-byte big-endian timestamp and the Ed25519
   * signature. Returns the timestamp as the decimal that was signed, or undefined when the cosignature is invalid.
   */
  verify(checkpointText: string, signature: Uint8Array): string | undefined {
    if (signature.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE) return undefined;
    const time = new DataView(signature.buffer, signature.byteOffset, TIMESTAMP_SIZE).getBigUint64(0);
    if (time > MAX_TIMESTAMP) return undefined;
    const valid = verify(
      null,
      cosignatureMessage(checkpointText, time),
      this.publicKey,
      signature.subarray(TIMESTAMP_SIZE),
    );
    return valid ? time.toString() : undefined;
  }
}
