import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';

import { SignedNoteError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { hasForbiddenNoteCharacters } from './note-text.validator.js';

/** Signature type byte of c2sp.org/signed-note for Ed25519; it prefixes encoded keys and enters the key id. */
export const NOTE_SIGNATURE_TYPE_ED25519 = 0x01;
export const ED25519_KEY_SIZE = 32;

// DER headers that turn a raw 32-byte Ed25519 key into the SPKI / PKCS#8 structures node:crypto imports.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const KEY_ID_HEX = /^[0-9a-fA-F]{8}$/;

export interface NoteVerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Uint8Array;
}

export interface NoteSignerKey extends NoteVerifierKey {
  readonly seed: Uint8Array;
}

/**
 * c2sp.org/signed-note: key names are non-empty with no Unicode white space and no '+'. Control characters are
 * refused too, because a note containing them can never be opened.
 */
export function isValidNoteKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name) && !hasForbiddenNoteCharacters(name, false);
}

function assertKeyName(name: string): void {
  if (!isValidNoteKeyName(name)) {
    throw new SignedNoteError(
      'audit/note_invalid_key',
      `key name ${JSON.stringify(name)} must be non-empty without spaces, '+' or control characters`,
    );
  }
}

/** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4], read as a big-endian uint32. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, NOTE_SIGNATURE_TYPE_ED25519))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

export function formatNoteKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export function ed25519PublicKeyFromSeed(seed: Uint8Array): Uint8Array {
  if (seed.length !== ED25519_KEY_SIZE) {
    throw new SignedNoteError(
      'audit/note_invalid_key',
      `an Ed25519 seed is ${ED25519_KEY_SIZE} bytes, got ${seed.length}`,
    );
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(ED25519_SPKI_PREFIX.length));
}

export function ed25519SpkiDer(publicKey: Uint8Array): Buffer {
  return Buffer.concat([ED25519_SPKI_PREFIX, publicKey]);
}

export function ed25519Pkcs8Der(seed: Uint8Array): Buffer {
  return Buffer.concat([ED25519_PKCS8_PREFIX, seed]);
}

/** `<name>+<hex8 key id>+<base64(0x01 || public key)>`, the form published for verifiers (and by Go's note package). */
export function encodeNoteVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  if (publicKey.length !== ED25519_KEY_SIZE) {
    throw new SignedNoteError('audit/note_invalid_key', `an Ed25519 public key is ${ED25519_KEY_SIZE} bytes`);
  }
  const encoded = encodeBase64(Uint8Array.of(NOTE_SIGNATURE_TYPE_ED25519, ...publicKey));
  return `${name}+${formatNoteKeyId(noteKeyId(name, publicKey))}+${encoded}`;
}

/** `PRIVATE+KEY+<name>+<hex8 key id>+<base64(0x01 || seed)>`; the key id is that of the matching public key. */
export function encodeNoteSignerKey(name: string, seed: Uint8Array): string {
  assertKeyName(name);
  const publicKey = ed25519PublicKeyFromSeed(seed);
  const encoded = encodeBase64(Uint8Array.of(NOTE_SIGNATURE_TYPE_ED25519, ...seed));
  return `PRIVATE+KEY+${name}+${formatNoteKeyId(noteKeyId(name, publicKey))}+${encoded}`;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

interface EncodedKeyParts {
  readonly name: string;
  readonly keyId: number;
  readonly key: Uint8Array;
}

function decodeKeyParts(text: string, kind: string): EncodedKeyParts {
  const [name, rest] = splitOnce(text, '+');
  const [keyIdHex, keyBase64] = splitOnce(rest, '+');
  const decoded = decodeBase64(keyBase64);
  if (!isValidNoteKeyName(name) || !KEY_ID_HEX.test(keyIdHex) || decoded === undefined || decoded.length === 0) {
    throw new SignedNoteError('audit/note_invalid_key', `malformed ${kind} key`);
  }
  if (decoded[0] !== NOTE_SIGNATURE_TYPE_ED25519) {
    throw new SignedNoteError(
      'audit/note_invalid_key',
      `${kind} key uses signature type ${decoded[0]}, not Ed25519 (1)`,
    );
  }
  const key = decoded.subarray(1);
  if (key.length !== ED25519_KEY_SIZE) {
    throw new SignedNoteError(
      'audit/note_invalid_key',
      `${kind} key must hold ${ED25519_KEY_SIZE} bytes of Ed25519 key`,
    );
  }
  return { name, keyId: Number.parseInt(keyIdHex, 16), key };
}

export function decodeNoteVerifierKey(text: string): NoteVerifierKey {
  const { name, keyId, key } = decodeKeyParts(text, 'verifier');
  if (noteKeyId(name, key) !== keyId) {
    throw new SignedNoteError(
      'audit/note_invalid_key',
      `verifier key id ${formatNoteKeyId(keyId)} does not match the key`,
    );
  }
  return { name, keyId, publicKey: key };
}

export function decodeNoteSignerKey(text: string): NoteSignerKey {
  const [private1, afterPrivate] = splitOnce(text, '+');
  const [private2, rest] = splitOnce(afterPrivate, '+');
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') {
    throw new SignedNoteError('audit/note_invalid_key', 'a signer key starts with PRIVATE+KEY+');
  }
  const { name, keyId, key: seed } = decodeKeyParts(rest, 'signer');
  const publicKey = ed25519PublicKeyFromSeed(seed);
  // The id names the public key, so it can only be checked after deriving that key from the seed.
  if (noteKeyId(name, publicKey) !== keyId) {
    throw new SignedNoteError(
      'audit/note_invalid_key',
      `signer key id ${formatNoteKeyId(keyId)} does not match the key`,
    );
  }
  return { name, keyId, publicKey, seed };
}
