import { describe, expect, it } from 'vitest';
import { IdentityError } from '../identity.errors.js';
import { PasswordPolicy } from './password.policy.js';

const policy = new PasswordPolicy();
const context = { email: 'ada.lovelace@example.com', displayName: 'Ada Lovelace', tenantSlug: 'acme-pay' };

describe('PasswordPolicy (NIST SP 800-63B)', () => {
  it('accepts long passphrases of any printable Unicode, spaces included, with no composition rules', () => {
    for (const password of [
      'correct horse battery staple',
      'tout le monde aime les crêpes',
      'пароль из нескольких слов',
      '私のパスワードはとても長いです',
      'lowercase only but long enough',
    ]) {
      expect(policy.evaluate(password, context), password).toEqual([]);
    }
  });

  it('accepts the demo password, which is seeded without the policy', () => {
    expect(policy.evaluate('verity-demo-passphrase', { email: 'admin@demo.verity.local', tenantSlug: 'demo' })).toEqual(
      [],
    );
  });

  it('counts code points after NFKC normalisation, not UTF-16 units or bytes', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters: too short.
    expect(policy.evaluate('🐱🐶🐭🐹🐰🦊🐻🐼🐨🐯🦁', context)).toContain('too_short');
    // Fullwidth letters normalise to ASCII ones: 'ｐａｓｓｗｏｒｄ１２３４' is 'password1234', a blocklisted password.
    expect(policy.evaluate('ｐａｓｓｗｏｒｄ１２３４', context)).toContain('blocklisted');
    expect(policy.evaluate('a'.repeat(5) + ' b c d e f g', context)).toEqual([]);
  });

  it('refuses passwords shorter than 12 or longer than 256 characters', () => {
    expect(policy.evaluate('short pass', context)).toContain('too_short');
    expect(policy.evaluate('x7!'.repeat(86), context)).toEqual(['too_long']);
    expect(policy.evaluate('nine words are plenty for a good pass', context)).toEqual([]);
  });

  it('refuses commonly used and breached passwords, case-insensitively', () => {
    for (const password of ['qwerty123456', 'QWERTY123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'QazWsxEdcRfv']) {
      expect(policy.evaluate(password, context), password).toContain('blocklisted');
    }
  });

  it('refuses repetitive and sequential passwords', () => {
    expect(policy.evaluate('aaaaaaaaaaaa', context)).toContain('repetitive');
    expect(policy.evaluate('abcabcabcabc', context)).toContain('repetitive');
    expect(policy.evaluate('ab12ab12ab12ab12', context)).toContain('repetitive');
    expect(policy.evaluate('123456789012', context)).toContain('sequential');
    expect(policy.evaluate('abcdefghijklm', context)).toContain('sequential');
    expect(policy.evaluate('987654321098', context)).toContain('sequential');
  });

  it('refuses passwords made of the email, name, tenant or service name', () => {
    expect(policy.evaluate('ada.lovelace2026', context)).toContain('context_words');
    expect(policy.evaluate('Lovelace!Lovelace', context)).toContain('context_words');
    expect(policy.evaluate('acme-pay-2026!', context)).toContain('context_words');
    expect(policy.evaluate('Verity2026!Verity', context)).toContain('context_words');
    // Context words are allowed; they just do not count toward the length.
    expect(policy.evaluate('ada wrote the first published program', context)).toEqual([]);
  });

  it('refuses control characters but not spaces', () => {
    expect(policy.evaluate('line one\nline two!', context)).toContain('unprintable');
    expect(policy.evaluate('   spaces   around   ', context)).toEqual([]);
  });

  it('throws identity/password_rejected (422) listing every broken rule for the field', () => {
    let caught: unknown;
    try {
      policy.check('verity', context, 'newPassword');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IdentityError);
    const error = caught as IdentityError;
    expect(error.code).toBe('identity/password_rejected');
    expect(error.kind).toBe('unprocessable');
    expect(error.details?.reasons).toEqual(['too_short', 'blocklisted', 'context_words']);
    expect(error.details?.errors).toEqual([
      { field: 'newPassword', message: 'must be at least 12 characters long' },
      { field: 'newPassword', message: expect.stringContaining('commonly used') },
      { field: 'newPassword', message: expect.stringContaining('email address') },
    ]);
    expect(() => policy.check('a quiet walk by the river', context)).not.toThrow();
  });
});
