import { createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import {
  decodeNoteSignerKey,
  ed25519Pkcs8Der,
  ed25519PublicKeyFromSeed,
  encodeNoteVerifierKey,
  noteKeyId,
} from './note-key.codec.js';
import type { NoteSigner } from './signed-note.signer.js';

/** Signs notes with an Ed25519 key held in this process (from configuration); a KMS signer implements NoteSigner too. */
export class Ed25519NoteSigner implements NoteSigner {
  private constructor(
    readonly name: string,
    readonly keyId: number,
    /** The matching public key in verifier-key form, ready to publish. */
    readonly verifierKey: string,
    private readonly privateKey: KeyObject,
  ) {}

  /** From a `PRIVATE+KEY+<name>+<id>+<key>` string; throws SignedNoteError 'audit/note_invalid_key' if it is off. */
  static fromSignerKey(signerKey: string): Ed25519NoteSigner {
    const { name, keyId, publicKey, seed } = decodeNoteSignerKey(signerKey);
    return new Ed25519NoteSigner(
      name,
      keyId,
      encodeNoteVerifierKey(name, publicKey),
      createPrivateKey({ key: ed25519Pkcs8Der(seed), format: 'der', type: 'pkcs8' }),
    );
  }

  static fromSeed(name: string, seed: Uint8Array): Ed25519NoteSigner {
    const publicKey = ed25519PublicKeyFromSeed(seed);
    return new Ed25519NoteSigner(
      name,
      noteKeyId(name, publicKey),
      encodeNoteVerifierKey(name, publicKey),
      createPrivateKey({ key: ed25519Pkcs8Der(seed), format: 'der', type: 'pkcs8' }),
    );
  }

  sign(message: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve) => resolve(new Uint8Array(sign(null, message, this.privateKey))));
  }
}
