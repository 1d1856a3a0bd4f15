import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { AuditError } from '../audit.errors.js';
import { parseCheckpoint } from '../note/checkpoint.codec.js';
import { ed25519SpkiDer } from '../note/note-key.codec.js';
import { decodeNoteMessage } from '../note/signed-note.codec.js';
import type { NoteVerifier } from '../note/signed-note.verifier.js';
import {
  cosignatureKeyId,
  decodeCosignatureVerifierKey,
  encodeCosignatureVerifierKey,
} from './cosignature-key.codec.js';
import { cosignatureMessage, decodeTimestampedSignature } from './cosignature-message.codec.js';

function isCheckpointText(message: Uint8Array): boolean {
  try {
    parseCheckpoint(decodeNoteMessage(message));
    return true;
  } catch (error) {
    if (error instanceof AuditError) return false;
    throw error;
  }
}

/**
 * Checks c2sp.org/tlog-cosignature Ed25519 cosignatures for one witness key. As a NoteVerifier it plugs into
 * openSignedNote / openCheckpoint next to the log's own verifiers: the witness line is matched by name and the 0x04
 * key id, and its signature covers the timestamp it carries, so a changed timestamp or body fails like a forgery.
 */
export class Ed25519CosignatureVerifier implements NoteVerifier {
  private constructor(
    readonly name: string,
    readonly keyId: number,
    /** The normalised verifier key (type 0x04), even when built from a type 0x01 key. */
    readonly verifierKey: string,
    private readonly publicKey: KeyObject,
  ) {}

  /** From a cosigner vkey (type 0x04), or a plain Ed25519 note vkey (type 0x01) of the same witness key. */
  static fromVerifierKey(verifierKey: string): Ed25519CosignatureVerifier {
    const { name, publicKey } = decodeCosignatureVerifierKey(verifierKey);
    return Ed25519CosignatureVerifier.fromPublicKey(name, publicKey);
  }

  static fromPublicKey(name: string, publicKey: Uint8Array): Ed25519CosignatureVerifier {
    const verifierKey = encodeCosignatureVerifierKey(name, publicKey);
    return new Ed25519CosignatureVerifier(
      name,
      cosignatureKeyId(name, publicKey),
      verifierKey,
      createPublicKey({ key: ed25519SpkiDer(publicKey), format: 'der', type: 'spki' }),
    );
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    const decoded = decodeTimestampedSignature(signature);
    if (decoded === undefined || !isCheckpointText(message)) return false;
    return verify(null, cosignatureMessage(decoded.timestamp, message), this.publicKey, decoded.signature);
  }
}
