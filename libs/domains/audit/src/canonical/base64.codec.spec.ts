import { describe, expect, it } from 'vitest';

import { decodeBase64, encodeBase64 } from './base64.codec.js';

describe('base64', () => {
  it('round-trips bytes in standard padded base64 (RFC 4648 §4)', () => {
    for (const length of [0, 1, 2, 3, 4, 31, 32, 33]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 251) % 256);
      const text = encodeBase64(bytes);
      expect(decodeBase64(text)).toEqual(bytes);
    }
    expect(encodeBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
  });

  it('encodes views into a larger buffer by their own bytes only', () => {
    const backing = Uint8Array.of(1, 2, 3, 4, 5);
    expect(encodeBase64(backing.subarray(1, 3))).toBe(encodeBase64(Uint8Array.of(2, 3)));
  });

  it('accepts only the one canonical spelling', () => {
    for (const text of ['AAA', 'AA==A', 'AAB=', 'AA=', '-_8=', 'AA AA', 'AAAA\n', '====', 'A===']) {
      expect(decodeBase64(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});
