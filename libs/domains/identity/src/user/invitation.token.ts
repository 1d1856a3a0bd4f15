import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: what the invitation link carries. Only its SHA-256 is stored. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function generateInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isInvitationToken(value: string): boolean {
  return TOKEN_FORMAT.test(value);
}

/** A fast hash is enough: the token has 256 bits of entropy, so it cannot be guessed from its hash. */
export function hashInvitationToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
