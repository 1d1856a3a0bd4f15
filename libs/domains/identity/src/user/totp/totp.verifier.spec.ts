import { describe, expect, it } from 'vitest';
import { Secret } from 'otpauth';
import { generateTotpSecret, totpCode, totpStepAt, totpUri, verifyTotpCode } from './totp.verifier.js';

/** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
const RFC_SECRET = Secret.fromUTF8('12345678901234567890').base32;

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches the RFC 6238 SHA-1 test vector at T=%i s', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(expected);
    expect(verifyTotpCode(RFC_SECRET, expected, seconds * 1000, null, { digits: 8 })).toBe(totpStepAt(seconds * 1000));
  });

  it('uses 6 digits by default (the last 6 of the RFC vectors)', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpCode(RFC_SECRET, 1111111109_000)).toBe('081804');
  });

  it('accepts the previous and next step, and nothing further away', () => {
    const now = 1_700_000_015_000;
    const step = totpStepAt(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCode(RFC_SECRET, now + offset * 30_000);
      expect(verifyTotpCode(RFC_SECRET, code, now)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      const code = totpCode(RFC_SECRET, now + offset * 30_000);
      expect(verifyTotpCode(RFC_SECRET, code, now)).toBeNull();
    }
  });

  it('refuses a code of a step already used, or older (no replay)', () => {
    const now = 1_700_000_015_000;
    const step = totpStepAt(now);
    const code = totpCode(RFC_SECRET, now);
    expect(verifyTotpCode(RFC_SECRET, code, now, step - 1)).toBe(step);
    expect(verifyTotpCode(RFC_SECRET, code, now, step)).toBeNull();
    expect(verifyTotpCode(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now, step)).toBeNull();
    expect(verifyTotpCode(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), now, step)).toBe(step + 1);
  });

  it('refuses malformed codes', () => {
    const now = 1_700_000_015_000;
    for (const code of ['', '12345', '1234567', '12345a', ' 123456', totpCode(RFC_SECRET, now) + ' ']) {
      expect(verifyTotpCode(RFC_SECRET, code, now), JSON.stringify(code)).toBeNull();
    }
  });

  it('generates 160-bit base32 secrets and an otpauth URI apps understand', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'Verity', 'ada@example.com (demo)'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Verity');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});
