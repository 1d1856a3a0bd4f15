import { createHash } from 'node:crypto';

import { SignedNoteError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import {
  decodeNoteSignerKey,
  decodeNoteVerifierKey,
  ED25519_KEY_SIZE,
  ed25519PublicKeyFromSeed,
  formatNoteKeyId,
  isValidNoteKeyName,
  NOTE_SIGNATURE_TYPE_ED25519,
} from '../note/note-key.codec.js';
import type { NoteSignerKey, NoteVerifierKey } from '../note/note-key.codec.js';

/**
 * Signature type of c2sp.org/tlog-cosignature for timestamped Ed25519 cosignatures (cosignature/v1). It enters the key
 * id, so a witness key and a log key never share an id even when they share the Ed25519 key.
 */
export const COSIGNATURE_SIGNATURE_TYPE_ED25519 = 0x04;

const KEY_ID_HEX = /^[0-9a-fA-F]{8}$/;

/** key ID = SHA-256(name || 0x0A || 0x04 || 32-byte Ed25519 public key)[:4], read as a big-endian uint32. */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, COSIGNATURE_SIGNATURE_TYPE_ED25519))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

function invalidKey(reason: string): SignedNoteError {
  return new SignedNoteError('audit/note_invalid_key', reason);
}

function assertKeyName(name: string): void {
  if (!isValidNoteKeyName(name)) {
    throw invalidKey(`key name ${JSON.stringify(name)} must be non-empty without spaces, '+' or control characters`);
  }
}

/** `<name>+<hex8 key id>+<base64(0x04 || public key)>`: the vkey a witness publishes (c2sp.org/tlog-cosignature). */
export function encodeCosignatureVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  if (publicKey.length !== ED25519_KEY_SIZE) throw invalidKey(`an Ed25519 public key is ${ED25519_KEY_SIZE} bytes`);
  const encoded = encodeBase64(Uint8Array.of(COSIGNATURE_SIGNATURE_TYPE_ED25519, ...publicKey));
  return `${name}+${formatNoteKeyId(cosignatureKeyId(name, publicKey))}+${encoded}`;
}

/** `PRIVATE+KEY+<name>+<hex8 key id>+<base64(0x04 || seed)>`; the id is that of the matching cosigner public key. */
export function encodeCosignatureSignerKey(name: string, seed: Uint8Array): string {
  assertKeyName(name);
  const publicKey = ed25519PublicKeyFromSeed(seed);
  const encoded = encodeBase64(Uint8Array.of(COSIGNATURE_SIGNATURE_TYPE_ED25519, ...seed));
  return `PRIVATE+KEY+${name}+${formatNoteKeyId(cosignatureKeyId(name, publicKey))}+${encoded}`;
}

interface KeyStringParts {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly key: Uint8Array;
}

function splitKeyString(text: string, kind: string): KeyStringParts {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw invalidKey(`malformed ${kind} key`);
  const name = text.slice(0, first);
  const keyIdHex = text.slice(first + 1, second);
  const decoded = decodeBase64(text.slice(second + 1));
  if (!isValidNoteKeyName(name) || !KEY_ID_HEX.test(keyIdHex) || decoded === undefined || decoded.length === 0) {
    throw invalidKey(`malformed ${kind} key`);
  }
  return { name, keyId: Number.parseInt(keyIdHex, 16), type: decoded[0], key: decoded.subarray(1) };
}

/**
 * Reads a cosigner's verifier key. Type 0x04 is the native form. A plain Ed25519 note key (type 0x01) is accepted too
 * and read as the cosigner key of the same public key, as Go's transparency-dev/formats does, because witnesses made
 * with `note.GenerateKey` publish that form; the returned key id is then the 0x04 one that cosignature lines carry.
 */
export function decodeCosignatureVerifierKey(text: string): NoteVerifierKey {
  const { name, keyId, type, key } = splitKeyString(text, 'cosigner verifier');
  if (type === NOTE_SIGNATURE_TYPE_ED25519) {
    const { publicKey } = decodeNoteVerifierKey(text);
    return { name, keyId: cosignatureKeyId(name, publicKey), publicKey };
  }
  if (type !== COSIGNATURE_SIGNATURE_TYPE_ED25519) {
    throw invalidKey(`cosigner verifier key uses signature type ${type}, not Ed25519 cosignature/v1 (4)`);
  }
  if (key.length !== ED25519_KEY_SIZE) throw invalidKey(`an Ed25519 public key is ${ED25519_KEY_SIZE} bytes`);
  if (cosignatureKeyId(name, key) !== keyId) {
    throw invalidKey(`cosigner verifier key id ${formatNoteKeyId(keyId)} does not match the key`);
  }
  return { name, keyId, publicKey: key };
}

/** Reads a cosigner's signer key: the native type 0x04 form, or a plain Ed25519 note signer key (type 0x01). */
export function decodeCosignatureSignerKey(text: string): NoteSignerKey {
  if (!text.startsWith('PRIVATE+KEY+')) throw invalidKey('a signer key starts with PRIVATE+KEY+');
  const rest = text.slice('PRIVATE+KEY+'.length);
  const { name, keyId, type, key: seed } = splitKeyString(rest, 'cosigner signer');
  if (type === NOTE_SIGNATURE_TYPE_ED25519) {
    const { publicKey } = decodeNoteSignerKey(text);
    return { name, keyId: cosignatureKeyId(name, publicKey), publicKey, seed };
  }
  if (type !== COSIGNATURE_SIGNATURE_TYPE_ED25519) {
    throw invalidKey(`cosigner signer key uses signature type ${type}, not Ed25519 cosignature/v1 (4)`);
  }
  const publicKey = ed25519PublicKeyFromSeed(seed);
  if (cosignatureKeyId(name, publicKey) !== keyId) {
    throw invalidKey(`cosigner signer key id ${formatNoteKeyId(keyId)} does not match the key`);
  }
  return { name, keyId, publicKey, seed };
}
