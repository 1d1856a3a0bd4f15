import { doubleMetaphone } from 'double-metaphone';

/** Phonetic and shape keys of one normalised token, used for blocking and for phonetic equality. */
export interface TokenKeys {
  /** The token itself. */
  text: string;
  /** No vowel (a, e, i, o, u): a consonant-only transliteration or initials. */
  vowelless: boolean;
  /** Contains a digit (compared only for equality). */
  digits: boolean;
  /** Double Metaphone primary and (when different) alternate codes. */
  phonetic: string[];
  /** The token's consonant skeleton (vowels, y, w and doubled letters removed): abjad transliterations agree on it. */
  skeleton: string;
  /** The token with romanisation differences folded (see simplifySpelling). */
  simplified: string;
}

/** Consonant skeleton: "hussein" and "hsyn" both give "hsn". */
export function consonantSkeleton(token: string): string {
  let out = '';
  let last = '';
  for (const ch of token) {
    if ('aeiouyw'.includes(ch)) continue;
    if (ch !== last) out += ch;
    last = ch;
  }
  return out;
}

/** True for a token with no vowels (a-e-i-o-u): likely a consonant-only transliteration (Arabic, Hebrew) or initials. */
export function lacksVowels(token: string): boolean {
  return !/[aeiou]/.test(token);
}

const SPELLING_FOLDS: [RegExp, string][] = [
  [/dzh|dj|zh/g, 'j'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/ck|q|c(?!h)/g, 'k'],
  [/w/g, 'v'],
  [/y/g, 'i'],
  [/ou|oo/g, 'u'],
  [/ee|ie|ei/g, 'i'],
  [/x/g, 'ks'],
  [/(.)\1+/g, '$1'],
];

/**
 * Folds spelling differences between romanisations (Cyrillic and Arabic names written the English, French or
 * Russian way): "khadzhi"/"hajji", "ayham"/"aikham", "garkia"/"garcia" agree after folding.
 */
export function simplifySpelling(token: string): string {
  let out = token;
  for (const [re, to] of SPELLING_FOLDS) out = out.replace(re, to);
  return out;
}

/** The token with each single character deleted: two tokens one edit (or one adjacent swap) apart share one. */
export function deletionVariants(token: string): string[] {
  const out: string[] = [];
  if (token.length < 2 || token.length > 16) return out;
  for (let i = 0; i < token.length; i++) {
    if (i > 0 && token[i] === token[i - 1]) continue;
    out.push(token.slice(0, i) + token.slice(i + 1));
  }
  return out;
}

/** True when a and b differ by at most one insertion, deletion, substitution or swap of adjacent letters. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function tokenKeys(token: string): TokenKeys {
  const digits = /[0-9]/.test(token);
  if (digits) return { text: token, vowelless: false, digits, phonetic: [], skeleton: token, simplified: token };
  const [primary, alternate] = doubleMetaphone(token);
  const phonetic = primary.length > 0 ? [primary] : [];
  if (alternate.length > 0 && alternate !== primary) phonetic.push(alternate);
  return {
    text: token,
    vowelless: lacksVowels(token),
    digits,
    phonetic,
    skeleton: consonantSkeleton(token),
    simplified: simplifySpelling(token),
  };
}
