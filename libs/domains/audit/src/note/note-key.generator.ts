import { randomBytes } from 'node:crypto';

import {
  ED25519_KEY_SIZE,
  encodeNoteSignerKey,
  encodeNoteVerifierKey,
  ed25519PublicKeyFromSeed,
} from './note-key.codec.js';

export interface NoteKeyPair {
  /** `PRIVATE+KEY+…`: secret, goes to configuration or a KMS, never into logs. */
  readonly signerKey: string;
  /** `<name>+<id>+<key>`: public, handed to auditors, witnesses and verifiers. */
  readonly verifierKey: string;
}

/** A fresh Ed25519 key pair for `name` (usually the log origin), in the c2sp.org/signed-note encodings. */
export function generateNoteKeyPair(name: string): NoteKeyPair {
  const seed = new Uint8Array(randomBytes(ED25519_KEY_SIZE));
  return {
    signerKey: encodeNoteSignerKey(name, seed),
    verifierKey: encodeNoteVerifierKey(name, ed25519PublicKeyFromSeed(seed)),
  };
}
