import { createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { parseCheckpoint } from '../note/checkpoint.codec.js';
import { ed25519Pkcs8Der, ed25519PublicKeyFromSeed } from '../note/note-key.codec.js';
import { decodeNoteMessage } from '../note/signed-note.codec.js';
import type { NoteSigner } from '../note/signed-note.signer.js';
import { cosignatureKeyId, decodeCosignatureSignerKey, encodeCosignatureVerifierKey } from './cosignature-key.codec.js';
import { cosignatureMessage, encodeTimestampedSignature } from './cosignature-message.codec.js';

/** Where a cosigner reads the time it vouches for; tests fix it so signatures are reproducible. */
export type CosignatureClock = () => Date;

const systemClock: CosignatureClock = () => new Date();

/**
 * A witness key producing c2sp.org/tlog-cosignature Ed25519 cosignatures (cosignature/v1, type 0x04). It is a
 * NoteSigner, so signNote / cosignNote attach its lines like any other signature; the 8-byte timestamp travels
 * inside the signature bytes, ahead of the Ed25519 signature.
 */
export class Ed25519CosignatureSigner implements NoteSigner {
  private constructor(
    readonly name: string,
    readonly keyId: number,
    /** The cosigner verifier key (type 0x04) to hand to logs and verifiers. */
    readonly verifierKey: string,
    private readonly privateKey: KeyObject,
    private readonly clock: CosignatureClock,
  ) {}

  /** From a `PRIVATE+KEY+…` string of type 0x04, or of type 0x01 (a plain note key reused as a cosigner key). */
  static fromSignerKey(signerKey: string, clock: CosignatureClock = systemClock): Ed25519CosignatureSigner {
    const { name, seed } = decodeCosignatureSignerKey(signerKey);
    return Ed25519CosignatureSigner.fromSeed(name, seed, clock);
  }

  static fromSeed(name: string, seed: Uint8Array, clock: CosignatureClock = systemClock): Ed25519CosignatureSigner {
    const publicKey = ed25519PublicKeyFromSeed(seed);
    return new Ed25519CosignatureSigner(
      name,
      cosignatureKeyId(name, publicKey),
      encodeCosignatureVerifierKey(name, publicKey),
      createPrivateKey({ key: ed25519Pkcs8Der(seed), format: 'der', type: 'pkcs8' }),
      clock,
    );
  }

  /**
   * Signs checkpoint note text. Anything that is not a checkpoint is refused: a cosignature states that the tree is
   * the largest consistent one the cosigner has seen, which means nothing for other text.
   */
  sign(message: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve) => {
      parseCheckpoint(decodeNoteMessage(message));
      const timestamp = BigInt(Math.floor(this.clock().getTime() / 1000));
      const signature = new Uint8Array(sign(null, cosignatureMessage(timestamp, message), this.privateKey));
      resolve(encodeTimestampedSignature({ timestamp, signature }));
    });
  }
}
