import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { SignedNoteError } from '../audit.errors.js';
import {
  decodeNoteVerifierKey,
  ED25519_KEY_SIZE,
  ed25519SpkiDer,
  encodeNoteVerifierKey,
  noteKeyId,
} from './note-key.codec.js';
import type { NoteVerifier } from './signed-note.verifier.js';

const ED25519_SIGNATURE_SIZE = 64;

/** Checks Ed25519 note signatures for one published verifier key. */
export class Ed25519NoteVerifier implements NoteVerifier {
  private constructor(
    readonly name: string,
    readonly keyId: number,
    readonly verifierKey: string,
    private readonly publicKey: KeyObject,
  ) {}

  /** From a `<name>+<id>+<key>` string; throws SignedNoteError 'audit/note_invalid_key' if it is off. */
  static fromVerifierKey(verifierKey: string): Ed25519NoteVerifier {
    const { name, keyId, publicKey } = decodeNoteVerifierKey(verifierKey);
    return new Ed25519NoteVerifier(
      name,
      keyId,
      encodeNoteVerifierKey(name, publicKey),
      Ed25519NoteVerifier.load(publicKey),
    );
  }

  static fromPublicKey(name: string, publicKey: Uint8Array): Ed25519NoteVerifier {
    const verifierKey = encodeNoteVerifierKey(name, publicKey);
    return new Ed25519NoteVerifier(name, noteKeyId(name, publicKey), verifierKey, Ed25519NoteVerifier.load(publicKey));
  }

  private static load(publicKey: Uint8Array): KeyObject {
    if (publicKey.length !== ED25519_KEY_SIZE) {
      throw new SignedNoteError('audit/note_invalid_key', `an Ed25519 public key is ${ED25519_KEY_SIZE} bytes`);
    }
    try {
      return createPublicKey({ key: ed25519SpkiDer(publicKey), format: 'der', type: 'spki' });
    } catch (error) {
      throw new SignedNoteError('audit/note_invalid_key', `not a usable Ed25519 public key: ${String(error)}`);
    }
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    if (signature.length !== ED25519_SIGNATURE_SIZE) return false;
    return verify(null, message, this.publicKey, signature);
  }
}
