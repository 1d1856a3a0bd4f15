import { describe, expect, it } from 'vitest';

import { decodeCanonicalDecimal } from './decimal.codec.js';

describe('decodeCanonicalDecimal', () => {
  it('reads plain decimals up to 2^53 - 1', () => {
    expect(decodeCanonicalDecimal('0')).toBe(0);
    expect(decodeCanonicalDecimal('20852163')).toBe(20852163);
    expect(decodeCanonicalDecimal('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses anything with a second spelling or beyond exact integers', () => {
    for (const text of ['', '00', '01', '-1', '+1', '1.0', '1e3', ' 1', '1 ', '0x10', '9007199254740992', '１']) {
      expect(decodeCanonicalDecimal(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});
