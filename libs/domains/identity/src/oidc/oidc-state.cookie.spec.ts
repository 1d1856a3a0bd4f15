import { describe, expect, it } from 'vitest';
import { OidcStateSealer, type OidcLoginState } from './oidc-state.cookie.js';

const login: OidcLoginState = {
  state: 'state-value',
  nonce: 'nonce-value',
  codeVerifier: 'verifier-value-that-must-stay-private',
  expiresAt: Date.now() + 60_000,
};

describe('OidcStateSealer', () => {
  const sealer = new OidcStateSealer('client-secret-of-the-installation');

  it('opens what it sealed, and hides the PKCE verifier from the browser', () => {
    const sealed = sealer.seal(login);
    expect(sealer.open(sealed)).toEqual(login);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('verifier-value');
  });

  it('refuses a value changed anywhere, sealed under another secret, expired or malformed', () => {
    const sealed = sealer.seal(login);
    // The last character may carry only padding bits, so changing it need not change a byte.
    for (let i = 0; i < sealed.length - 1; i += 7) {
      const changed = `${sealed.slice(0, i)}${sealed[i] === 'A' ? 'B' : 'A'}${sealed.slice(i + 1)}`;
      expect(sealer.open(changed)).toBeNull();
    }
    expect(new OidcStateSealer('another-installations-secret').open(sealed)).toBeNull();
    expect(sealer.open(sealed, login.expiresAt)).toBeNull();
    for (const junk of [undefined, '', 'not base64url!', 'AAAA', 'A'.repeat(5000)]) {
      expect(sealer.open(junk)).toBeNull();
    }
  });
});
