import type { SubtreeAddress } from './subtree-hash.source.js';

// Tree sizes can exceed 2^32, where JavaScript's bitwise operators truncate, so everything here divides instead.

/** Sizes and indexes are plain numbers; beyond 2^53 - 1 they would silently lose precision. */
export function isTreeSize(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

export function isPowerOfTwo(value: number): boolean {
  return value >= 1 && largestPowerOfTwoAtMost(value) === value;
}

/** For n ≥ 1, the largest 2^k ≤ n. */
export function largestPowerOfTwoAtMost(value: number): number {
  let power = 1;
  while (power * 2 <= value) power *= 2;
  return power;
}

/** The k of RFC 6962 §2.1: for n ≥ 2, the largest power of two strictly below n. */
export function largestPowerOfTwoBelow(value: number): number {
  return largestPowerOfTwoAtMost(value - 1);
}

export function log2OfPowerOfTwo(value: number): number {
  let level = 0;
  for (let width = value; width > 1; width /= 2) level += 1;
  return level;
}

export function popCount(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

export function trailingZeros(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0 && rest % 2 === 0; rest /= 2) count += 1;
  return count;
}

/** Number of low bits in which a and b differ up to the highest differing bit, i.e. bit length of a XOR b. */
export function differingBitLength(a: number, b: number): number {
  let length = 0;
  for (let x = a, y = b; x !== y; x = Math.floor(x / 2), y = Math.floor(y / 2)) length += 1;
  return length;
}

/**
 * The perfect subtrees whose fold is MTH(D[start:end]) for a range that RFC 6962's recursion produces (start aligned
 * to the largest power of two not above end - start). Left to right, largest first.
 */
export function subtreesCoveringRange(start: number, end: number): SubtreeAddress[] {
  const subtrees: SubtreeAddress[] = [];
  for (let begin = start; begin < end;) {
    const width = largestPowerOfTwoAtMost(end - begin);
    subtrees.push({ level: log2OfPowerOfTwo(width), index: begin / width });
    begin += width;
  }
  return subtrees;
}
