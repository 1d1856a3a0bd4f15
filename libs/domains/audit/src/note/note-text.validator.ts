// With the u flag, \p{Cs} matches only surrogates that are not part of a valid pair.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * c2sp.org/signed-note forbids ASCII control characters (below U+0020) other than newline, and a note must be UTF-8,
 * which cannot carry a lone UTF-16 surrogate. Single lines (key names, checkpoint lines) forbid the newline too.
 */
export function hasForbiddenNoteCharacters(text: string, newlineAllowed: boolean): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !(newlineAllowed && code === 0x0a)) return true;
  }
  return LONE_SURROGATE.test(text);
}
