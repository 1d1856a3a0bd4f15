import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `vk_<12 lowercase letters or digits>_<43 base64url characters>`: greppable in leaks, prefix indexable. */
const KEY_FORMAT = /^vk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyParts {
  readonly prefix: string;
  readonly secret: string;
}

export function formatApiKey(parts: ApiKeyParts): string {
  return `vk_${parts.prefix}_${parts.secret}`;
}

export function parseApiKey(key: string): ApiKeyParts | undefined {
  const match = KEY_FORMAT.exec(key);
  return match ? { prefix: match[1] ?? '', secret: match[2] ?? '' } : undefined;
}

export function generateApiKey(): ApiKeyParts {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const prefix = [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
  return { prefix, secret: randomBytes(32).toString('base64url') };
}

export function hashApiKeySecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function apiKeySecretMatches(secret: string, storedHash: Buffer): boolean {
  const given = hashApiKeySecret(secret);
  return given.length === storedHash.length && timingSafeEqual(given, storedHash);
}
