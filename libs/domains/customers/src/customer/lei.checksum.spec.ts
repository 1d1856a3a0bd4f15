import { describe, expect, it } from 'vitest';
import { isValidLei } from './lei.checksum.js';

describe('isValidLei (ISO 17442, ISO 7064 MOD 97-10)', () => {
  it.each([
    ['5493001KJTIIGC8Y1R12', 'Bloomberg Finance L.P.'],
    ['7LTWFZYICNSX8D621K86', 'Deutsche Bank AG'],
    ['HWUPKR0MPOU8FGXBT394', 'Apple Inc.'],
    ['549300E9PC51EN656011', 'Citigroup Inc.'],
  ])('accepts the real LEI %s (%s)', (lei) => {
    expect(isValidLei(lei)).toBe(true);
  });

  it('refuses a changed character or swapped check digits', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R13')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1R21')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y2R12')).toBe(false);
  });

  it('refuses wrong length, lower case and letters in the check digits', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R1')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1R123')).toBe(false);
    expect(isValidLei('5493001kjtiigc8y1r12')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1RAB')).toBe(false);
    expect(isValidLei('')).toBe(false);
  });
});
