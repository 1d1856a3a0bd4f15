import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppConfig, ConfigError, loadConfig } from '@platform/config';
import { DEVELOPMENT_MASTER_KEY, PayloadCipher } from './payload.cipher.js';

const subject = { tenantId: '7f1c9a4e-0000-4000-8000-000000000001', subjectType: 'user', subjectId: 'u-1' };
const cipherWith = (env: Record<string, string>): PayloadCipher =>
  new PayloadCipher(new AppConfig(loadConfig({ NODE_ENV: 'test', ...env })));

describe('PayloadCipher', () => {
  it('seals a payload under a subject key that only the master key unwraps, for that subject only', () => {
    const cipher = cipherWith({ AUDIT_MASTER_KEY: randomBytes(32).toString('base64') });
    const key = cipher.newSubjectKey(subject);
    const unwrapped = cipher.unwrapSubjectKey(subject, key.masterKeyId, key.wrappedKey);
    expect(unwrapped?.equals(key.dataKey)).toBe(true);
    expect(cipher.unwrapSubjectKey({ ...subject, subjectId: 'u-2' }, key.masterKeyId, key.wrappedKey)).toBeUndefined();

    const salt = randomBytes(32);
    const payload = Buffer.from('{"email":"ada@example.com"}');
    const hash = randomBytes(32);
    const sealed = cipher.sealPayload(key.dataKey, salt, payload, hash);
    expect(sealed.includes(payload)).toBe(false);
    const opened = cipher.openPayload(key.dataKey, sealed, hash, 32);
    expect(opened?.salt.equals(salt)).toBe(true);
    expect(opened?.payloadBytes.equals(payload)).toBe(true);
    // Bound to the payload hash, and authenticated: a swapped hash or a flipped bit does not open.
    expect(cipher.openPayload(key.dataKey, sealed, randomBytes(32), 32)).toBeUndefined();
    const flipped = Buffer.from(sealed);
    flipped[20] ^= 1;
    expect(cipher.openPayload(key.dataKey, flipped, hash, 32)).toBeUndefined();
  });

  it('wraps with the first master key and still unwraps with an older one during a rotation', () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const before = cipherWith({ AUDIT_MASTER_KEY: oldKey });
    const wrapped = before.newSubjectKey(subject);
    const during = cipherWith({ AUDIT_MASTER_KEY: `${newKey},${oldKey}` });
    expect(during.currentMasterKeyId).not.toBe(wrapped.masterKeyId);
    expect(during.unwrapSubjectKey(subject, wrapped.masterKeyId, wrapped.wrappedKey)?.equals(wrapped.dataKey)).toBe(
      true,
    );
    const after = cipherWith({ AUDIT_MASTER_KEY: newKey });
    expect(after.unwrapSubjectKey(subject, wrapped.masterKeyId, wrapped.wrappedKey)).toBeUndefined();
  });

  it('uses the public development key only outside production, and never echoes a bad key', () => {
    expect(cipherWith({}).currentMasterKeyId).toBe(PayloadCipher.parseMasterKeys(undefined, false)[0].id);
    expect(PayloadCipher.parseMasterKeys(undefined, false)[0].key.equals(DEVELOPMENT_MASTER_KEY)).toBe(true);
    expect(() => PayloadCipher.parseMasterKeys(undefined, true)).toThrow(ConfigError);
    let message = '';
    try {
      PayloadCipher.parseMasterKeys('c2VjcmV0LXRvby1zaG9ydA==', false);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('AUDIT_MASTER_KEY key 1');
    expect(message).not.toContain('c2VjcmV0');
  });
});
