const CANONICAL_DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/**
 * Parses the ASCII decimal used for tree sizes and indexes in C2SP formats: digits only, no sign, no leading zeroes.
 * Values above 2^53 - 1 are refused (undefined) rather than rounded, since a rounded size would name another tree.
 */
export function decodeCanonicalDecimal(text: string): number | undefined {
  if (!CANONICAL_DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
