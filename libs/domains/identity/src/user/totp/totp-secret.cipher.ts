import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppConfig, ConfigError } from '@platform/config';

const KEY_SIZE = 32;
const IV_SIZE = 12;
const TAG_SIZE = 16;
/** First byte of every ciphertext, so a later change of scheme can tell old rows apart. */
const VERSION = 1;

/**
 * Used only outside production when MFA_ENCRYPTION_KEY is unset, so a laptop needs no setup. It is public (it is right
 * here), so it protects nothing: production refuses to start without a real key (the same pattern as the audit
 * domain's AUDIT_MASTER_KEY).
 */
export const DEVELOPMENT_MFA_KEY = createHash('sha256')
  .update('verity development mfa encryption key: public, never use in production')
  .digest();

/** Binds a ciphertext to its user, so a secret copied onto another user's row does not decrypt. */
function aadOf(tenantId: string, userId: string): Buffer {
  return Buffer.from(`verity-totp-secret/v${VERSION}/${tenantId}/${userId}`);
}

/** AES-256-GCM encryption of TOTP secrets at rest under MFA_ENCRYPTION_KEY. */
@Injectable()
export class TotpSecretCipher {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    const configured = config.values.MFA_ENCRYPTION_KEY;
    if (configured === undefined) {
      if (config.isProduction) {
        throw new ConfigError(['MFA_ENCRYPTION_KEY is required in production (base64 of 32 random bytes)']);
      }
      this.key = DEVELOPMENT_MFA_KEY;
    } else {
      const key = Buffer.from(configured.trim(), 'base64');
      if (key.length !== KEY_SIZE) throw new ConfigError([`MFA_ENCRYPTION_KEY is not the base64 of ${KEY_SIZE} bytes`]);
      this.key = key;
    }
  }

  encrypt(tenantId: string, userId: string, secretBase32: string): Buffer {
    const iv = randomBytes(IV_SIZE);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aadOf(tenantId, userId));
    const body = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
  }

  /** The secret, or undefined when the ciphertext was altered, moved to another user, or made under another key. */
  decrypt(tenantId: string, userId: string, sealed: Buffer): string | undefined {
    if (sealed.length < 1 + IV_SIZE + TAG_SIZE || sealed[0] !== VERSION) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 1 + IV_SIZE));
      decipher.setAAD(aadOf(tenantId, userId));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE));
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(1 + IV_SIZE, sealed.length - TAG_SIZE)),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      return undefined;
    }
  }
}
