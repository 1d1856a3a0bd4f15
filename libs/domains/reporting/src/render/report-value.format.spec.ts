import { describe, expect, it } from 'vitest';
import { fincenText, latinName, minorToMajor, minorToWholeUp } from './report-value.format.js';

describe('report value formatting', () => {
  it('prints minor units as exact major units for any exponent', () => {
    expect(minorToMajor('123456', 2)).toBe('1234.56');
    expect(minorToMajor('5', 2)).toBe('0.05');
    expect(minorToMajor('-1005', 2)).toBe('-10.05');
    expect(minorToMajor('1500', 0)).toBe('1500');
    expect(minorToMajor('90071992547409931', 3)).toBe('90071992547409.931');
  });

  it('rounds cents up to whole dollars, as FinCEN asks', () => {
    expect(minorToWholeUp(1_000_001n, 2)).toBe(10_001n);
    expect(minorToWholeUp(1_000_000n, 2)).toBe(10_000n);
    expect(minorToWholeUp(0n, 2)).toBe(0n);
  });

  it('transliterates names into goAML’s restricted name alphabet', () => {
    expect(latinName('Иван Петров')).toBe('Ivan Petrov');
    expect(latinName("O'Neil-Schmidt")).toBe("O'Neil-Schmidt");
    expect(latinName('Müller & Söhne (GmbH)')).toBe('Muller Sohne GmbH');
    expect(latinName('王秀英')).toMatch(/^[a-zA-Z0-9 .'-]+$/);
  });

  it('makes FinCEN text fields single-line, trimmed and bounded', () => {
    expect(fincenText('  two\nlines\tand   spaces ', 50)).toBe('two lines and spaces');
    expect(fincenText('abcdef ', 4)).toBe('abcd');
    expect(fincenText('   ', 10)).toBeUndefined();
  });
});
