import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler.similarity.js';

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
  });

  it('is 1 for equal strings, 0 for nothing in common or empty input, and symmetric', () => {
    expect(jaroWinkler('putin', 'putin')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
    expect(jaroWinkler('mohammed', 'muhammad')).toBeCloseTo(jaroWinkler('muhammad', 'mohammed'), 10);
  });

  it('handles very long input without failing', () => {
    expect(jaroWinkler('a'.repeat(10_000), 'a'.repeat(9_999) + 'b')).toBeGreaterThan(0.9);
  });
});
