import { describe, expect, it } from 'vitest';
import { apiKeySecretMatches, formatApiKey, generateApiKey, hashApiKeySecret, parseApiKey } from './api-key.codec.js';

describe('API key format', () => {
  it('round-trips a generated key and matches only its own secret', () => {
    const parts = generateApiKey();
    const key = formatApiKey(parts);
    expect(key).toMatch(/^vk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key)).toEqual(parts);
    const stored = hashApiKeySecret(parts.secret);
    expect(apiKeySecretMatches(parts.secret, stored)).toBe(true);
    expect(apiKeySecretMatches(generateApiKey().secret, stored)).toBe(false);
  });

  it('rejects anything that is not exactly a key', () => {
    const key = formatApiKey(generateApiKey());
    for (const bad of [
      '',
      'vk_',
      `${key}x`,
      key.slice(1),
      key.replace('vk_', 'VK_'),
      `Bearer ${key}`,
      key.toUpperCase(),
    ]) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });

  it('never generates the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => formatApiKey(generateApiKey())));
    expect(keys.size).toBe(200);
  });
});
