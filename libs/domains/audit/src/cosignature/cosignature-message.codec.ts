import { SignedNoteError } from '../audit.errors.js';
import type { NoteSignature } from '../note/signed-note.codec.js';

/** The 8-byte big-endian timestamp that precedes the Ed25519 signature in a cosignature (timestamped_signature). */
export const COSIGNATURE_TIMESTAMP_SIZE = 8;
export const ED25519_SIGNATURE_SIZE = 64;
export const ED25519_COSIGNATURE_SIZE = COSIGNATURE_TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE;

/** c2sp.org/tlog-cosignature: a timestamp MUST NOT exceed 2^63 - 1. */
const MAX_COSIGNATURE_TIMESTAMP = 2n ** 63n - 1n;

export interface TimestampedSignature {
  /** POSIX seconds at which the cosigner signed; bigint because the wire allows up to 2^63 - 1. */
  readonly timestamp: bigint;
  readonly signature: Uint8Array;
}

/**
 * The message a cosigner signs: `cosignature/v1\ntime <timestamp>\n` followed by the whole checkpoint note text
 * (extension lines included, signature lines excluded). The header separates these signatures from plain note
 * signatures, so a cosignature can never be replayed as a log signature over the same text.
 */
export function cosignatureMessage(timestamp: bigint, noteText: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(`cosignature/v1\ntime ${timestamp.toString(10)}\n`);
  const message = new Uint8Array(header.length + noteText.length);
  message.set(header, 0);
  message.set(noteText, header.length);
  return message;
}

export function isCosignatureTimestamp(timestamp: bigint): boolean {
  return timestamp >= 0n && timestamp <= MAX_COSIGNATURE_TIMESTAMP;
}

export function encodeTimestampedSignature({ timestamp, signature }: TimestampedSignature): Uint8Array {
  if (!isCosignatureTimestamp(timestamp)) {
    throw new SignedNoteError('audit/note_malformed_cosignature', `timestamp ${timestamp} is outside 0..2^63-1`);
  }
  const encoded = new Uint8Array(COSIGNATURE_TIMESTAMP_SIZE + signature.length);
  new DataView(encoded.buffer).setBigUint64(0, timestamp);
  encoded.set(signature, COSIGNATURE_TIMESTAMP_SIZE);
  return encoded;
}

/** Splits an Ed25519 cosignature (without its key id); undefined when the length or the timestamp is off. */
export function decodeTimestampedSignature(bytes: Uint8Array): TimestampedSignature | undefined {
  if (bytes.length !== ED25519_COSIGNATURE_SIZE) return undefined;
  const timestamp = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0);
  if (!isCosignatureTimestamp(timestamp)) return undefined;
  return { timestamp, signature: bytes.subarray(COSIGNATURE_TIMESTAMP_SIZE) };
}

/**
 * The time a cosignature claims, in POSIX seconds. It is only as trustworthy as the signature, so read it from a
 * signature that openSignedNote verified with an Ed25519CosignatureVerifier.
 */
export function cosignatureTimestamp(signature: Pick<NoteSignature, 'signature'>): number {
  const decoded = decodeTimestampedSignature(signature.signature);
  if (decoded === undefined || decoded.timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SignedNoteError(
      'audit/note_malformed_cosignature',
      `an Ed25519 cosignature is ${ED25519_COSIGNATURE_SIZE} bytes after the key id: an 8-byte timestamp, then the signature`,
    );
  }
  return Number(decoded.timestamp);
}
