import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateInvitationToken, hashInvitationToken, isInvitationToken } from './invitation.token.js';

describe('invitation tokens', () => {
  it('are 256 random bits in base64url, never repeated, stored as their SHA-256 only', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => generateInvitationToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(isInvitationToken(token)).toBe(true);
      expect(hashInvitationToken(token)).toEqual(createHash('sha256').update(token).digest());
    }
  });

  it('rejects anything that is not exactly a token', () => {
    const token = generateInvitationToken();
    for (const bad of ['', token.slice(1), `${token}x`, `${token.slice(0, 42)}=`, `${token.slice(0, 42)}/`]) {
      expect(isInvitationToken(bad)).toBe(false);
    }
  });
});
