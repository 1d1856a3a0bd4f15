import { randomBytes } from 'node:crypto';

import { ED25519_KEY_SIZE, ed25519PublicKeyFromSeed } from '../note/note-key.codec.js';
import type { NoteKeyPair } from '../note/note-key.generator.js';
import { encodeCosignatureSignerKey, encodeCosignatureVerifierKey } from './cosignature-key.codec.js';

/**
 * A fresh witness key for `name` in the cosignature/v1 encodings (type 0x04). A dedicated type keeps a witness key
 * from ever being configured as a log key by mistake: note verifiers refuse it.
 */
export function generateCosignatureKeyPair(name: string): NoteKeyPair {
  const seed = new Uint8Array(randomBytes(ED25519_KEY_SIZE));
  return {
    signerKey: encodeCosignatureSignerKey(name, seed),
    verifierKey: encodeCosignatureVerifierKey(name, ed25519PublicKeyFromSeed(seed)),
  };
}
