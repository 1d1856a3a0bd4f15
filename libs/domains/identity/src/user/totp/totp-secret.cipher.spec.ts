import { describe, expect, it } from 'vitest';
import { AppConfig, ConfigError, loadConfig } from '@platform/config';
import { TotpSecretCipher } from './totp-secret.cipher.js';

const TENANT = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';
const OTHER_USER = '00000000-0000-4000-8000-000000000003';

function configWith(overrides: Record<string, string> = {}): AppConfig {
  return new AppConfig(loadConfig({ NODE_ENV: 'test', ...overrides }));
}

describe('TotpSecretCipher', () => {
  const cipher = new TotpSecretCipher(configWith());

  it('round-trips a secret without storing it in the clear', () => {
    const sealed = cipher.encrypt(TENANT, USER, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(sealed.toString('latin1')).not.toContain('JBSWY3DP');
    expect(cipher.decrypt(TENANT, USER, sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  it('refuses a ciphertext moved to another user, altered, or made under another key', () => {
    const sealed = cipher.encrypt(TENANT, USER, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(cipher.decrypt(TENANT, OTHER_USER, sealed)).toBeUndefined();
    const altered = Buffer.from(sealed);
    altered[20] = (altered[20] ?? 0) ^ 1;
    expect(cipher.decrypt(TENANT, USER, altered)).toBeUndefined();
    const other = new TotpSecretCipher(configWith({ MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }));
    expect(other.decrypt(TENANT, USER, sealed)).toBeUndefined();
  });

  it('refuses to run in production without MFA_ENCRYPTION_KEY', () => {
    const production = new AppConfig({ ...configWith().values, NODE_ENV: 'production', MFA_ENCRYPTION_KEY: undefined });
    expect(() => new TotpSecretCipher(production)).toThrow(ConfigError);
  });
});
