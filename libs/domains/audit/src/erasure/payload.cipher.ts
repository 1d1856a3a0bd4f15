import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppConfig, ConfigError } from '@platform/config';
import { canonicalJsonBytes } from '../canonical/canonical-json.encoder.js';

const KEY_SIZE = 32;
const IV_SIZE = 12;
const TAG_SIZE = 16;

/**
 * Used only outside production when AUDIT_MASTER_KEY is unset, so a laptop needs no setup. It is public (it is right
 * here), so it protects nothing: production refuses to start without a real master key.
 */
export const DEVELOPMENT_MASTER_KEY = createHash('sha256')
  .update('verity development audit master key: public, never use in production')
  .digest();

interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/** A subject key freshly made for a data subject: the plain key for this use, and its wrapped form to store. */
export interface NewSubjectKey {
  readonly dataKey: Buffer;
  readonly masterKeyId: string;
  readonly wrappedKey: Buffer;
}

export interface SubjectRef {
  readonly tenantId: string;
  readonly subjectType: string;
  readonly subjectId: string;
}

function masterKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function seal(key: Buffer, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  const iv = randomBytes(IV_SIZE);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Uint8Array, aad: Uint8Array): Buffer | undefined {
  if (sealed.length < IV_SIZE + TAG_SIZE) return undefined;
  const bytes = Buffer.from(sealed);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_SIZE));
    decipher.setAAD(aad);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_SIZE));
    return Buffer.concat([decipher.update(bytes.subarray(IV_SIZE, bytes.length - TAG_SIZE)), decipher.final()]);
  } catch {
    // GCM authentication failed: wrong key or altered bytes. Callers report it as tampered, never as plaintext.
    return undefined;
  }
}

/** Binds a wrapped key to its subject, so a key row copied onto another subject does not unwrap. */
function subjectAad(subject: SubjectRef): Uint8Array {
  return canonicalJsonBytes({
    purpose: 'verity-audit-subject-key',
    v: 1,
    tenantId: subject.tenantId,
    subjectType: subject.subjectType,
    subjectId: subject.subjectId,
  });
}

/**
 * Envelope encryption of audit payloads (crypto-shredding): each data subject has its own AES-256-GCM key, stored
 * wrapped by the master key. Deleting the wrapped key makes every payload of that subject unreadable for good,
 * while the entries, their salted hashes and the Merkle tree stay as they were.
 */
@Injectable()
export class PayloadCipher {
  private readonly masterKeys: readonly MasterKey[];

  constructor(config: AppConfig) {
    this.masterKeys = PayloadCipher.parseMasterKeys(config.values.AUDIT_MASTER_KEY, config.isProduction);
  }

  /** The first key wraps new subject keys; every listed key unwraps, which is how a master key rotates. */
  static parseMasterKeys(value: string | undefined, production: boolean): MasterKey[] {
    if (value === undefined) {
      if (production) {
        throw new ConfigError(['AUDIT_MASTER_KEY is required in production (base64 of 32 random bytes)']);
      }
      return [{ id: masterKeyId(DEVELOPMENT_MASTER_KEY), key: DEVELOPMENT_MASTER_KEY }];
    }
    return value.split(',').map((text, position) => {
      const key = Buffer.from(text.trim(), 'base64');
      if (key.length !== KEY_SIZE || key.toString('base64') !== text.trim()) {
        // The value is secret: name its position, never echo it.
        throw new ConfigError([`AUDIT_MASTER_KEY key ${position + 1} is not the base64 of ${KEY_SIZE} bytes`]);
      }
      return { id: masterKeyId(key), key };
    });
  }

  get currentMasterKeyId(): string {
    return this.masterKeys[0].id;
  }

  newSubjectKey(subject: SubjectRef): NewSubjectKey {
    const dataKey = randomBytes(KEY_SIZE);
    const master = this.masterKeys[0];
    return { dataKey, masterKeyId: master.id, wrappedKey: seal(master.key, dataKey, subjectAad(subject)) };
  }

  /** The subject's plain key, or undefined when its master key is not configured or the wrapped bytes were altered. */
  unwrapSubjectKey(subject: SubjectRef, masterKeyIdOfRow: string, wrappedKey: Uint8Array): Buffer | undefined {
    const master = this.masterKeys.find((m) => m.id === masterKeyIdOfRow);
    if (!master) return undefined;
    const key = open(master.key, wrappedKey, subjectAad(subject));
    return key?.length === KEY_SIZE ? key : undefined;
  }

  /** salt ‖ payload sealed under the subject key, authenticated together with the payload hash it must match. */
  sealPayload(dataKey: Buffer, salt: Uint8Array, payloadBytes: Uint8Array, payloadHash: Uint8Array): Buffer {
    return seal(dataKey, Buffer.concat([salt, payloadBytes]), payloadHash);
  }

  openPayload(
    dataKey: Buffer,
    sealed: Uint8Array,
    payloadHash: Uint8Array,
    saltSize: number,
  ): { salt: Buffer; payloadBytes: Buffer } | undefined {
    const plain = open(dataKey, sealed, payloadHash);
    if (!plain || plain.length < saltSize) return undefined;
    return { salt: plain.subarray(0, saltSize), payloadBytes: plain.subarray(saltSize) };
  }
}
