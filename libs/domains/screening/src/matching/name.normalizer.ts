import anyAscii from 'any-ascii';
import { jaroWinkler } from './jaro-winkler.similarity.js';
import { simplifySpelling, withinOneEdit } from './phonetic.keys.js';

/** A name reduced to comparable tokens, with what was taken out on the way. */
export interface NormalizedName {
  /** Lower-case ASCII name parts, in published order, without honorifics, particles or legal forms. */
  tokens: string[];
  /** Canonical legal forms found (e.g. 'llc', 'ltd'): weak evidence that the name is an organisation. */
  legalForms: string[];
  /** Honorifics and titles removed (e.g. 'dr', 'sheikh'). */
  honorifics: string[];
}

/** Names longer than this are cut before any work: no real name is longer, and the cost stays bounded. */
export const MAX_NAME_CHARS = 512;
/** At most this many tokens per name are kept (the rest is noise for matching and would slow scoring). */
export const MAX_NAME_TOKENS = 12;

/** Zero-width and bidirectional controls used to hide or reorder characters; removed outright (they join). */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * Cyrillic and Greek letters that look like Latin ones. Applied only where the text is a disguise (a token that
 * mixes scripts, or an all-look-alike token inside an otherwise Latin name), so that genuine Cyrillic or Greek
 * names are transliterated by any-ascii instead ("Сергей" is Sergei, not "Cepgen").
 */
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic capitals
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ү: 'Y',
  Ӏ: 'I',
  // Cyrillic small
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  ё: 'e',
  ї: 'i',
  к: 'k',
  // Greek capitals
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Greek small
  α: 'a',
  ο: 'o',
  ν: 'v',
  ρ: 'p',
  ι: 'i',
  κ: 'k',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ϳ: 'j',
};

const LATIN_LETTER = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPT_LETTER = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const ANY_LETTER = /\p{L}/u;

/** Honorifics and titles, dropped wherever they stand (lists write "KREKAR, Mullah"), unless nothing else is left. */
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mister',
  'madam',
  'mme',
  'mlle',
  'dr',
  'doctor',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'herr',
  'frau',
  'sheikh',
  'shaikh',
  'shaykh',
  'sheik',
  'haji',
  'hajji',
  'hadji',
  'alhaj',
  'alhaji',
  'mullah',
  'mulla',
  'maulavi',
  'maulvi',
  'mawlawi',
  'moulavi',
  'qari',
  'imam',
  'hafiz',
  'mufti',
  'engr',
  'eng',
  'rev',
  'reverend',
  'gen',
  'col',
  'capt',
  'maj',
  'lt',
  'sgt',
]);

const HONORIFICS_FOLDED = new Set([...HONORIFICS].map(simplifySpelling));

/** An honorific as written or as another romanisation writes it ("khadzhi" for haji). */
export function isHonorific(token: string): boolean {
  return HONORIFICS.has(token) || (token.length >= 4 && HONORIFICS_FOLDED.has(simplifySpelling(token)));
}

/** Connecting particles that carry no identity on their own ("bank of china", "abu bakr al baghdadi"). */
const PARTICLES = new Set(['al', 'el', 'ul', 'the', 'of', 'and', 'for', 'de', 'del', 'la', 'le', 'y', 'und', 'et']);

/** Legal forms (single tokens after punctuation is removed) and their canonical spelling. */
const LEGAL_FORMS: Record<string, string> = {
  llc: 'llc',
  ltd: 'ltd',
  limited: 'ltd',
  ltda: 'ltd',
  gmbh: 'gmbh',
  mbh: 'gmbh',
  ag: 'ag',
  sa: 'sa',
  sas: 'sas',
  sarl: 'sarl',
  srl: 'srl',
  spa: 'spa',
  sl: 'sl',
  bv: 'bv',
  nv: 'nv',
  ooo: 'ooo',
  oao: 'oao',
  zao: 'zao',
  jsc: 'jsc',
  ojsc: 'jsc',
  cjsc: 'jsc',
  pjsc: 'jsc',
  co: 'co',
  company: 'co',
  corp: 'corp',
  corporation: 'corp',
  inc: 'inc',
  incorporated: 'inc',
  plc: 'plc',
  lp: 'lp',
  llp: 'llp',
  kg: 'kg',
  pte: 'pte',
  pty: 'pty',
  bhd: 'bhd',
  sdn: 'sdn',
  fze: 'fze',
  fzco: 'fzco',
  fzc: 'fzc',
  fzllc: 'llc',
  cv: 'cv',
  sapi: 'sapi',
  sac: 'sac',
  eirl: 'eirl',
  tic: 'tic',
  sti: 'sti',
  as: 'as',
  oy: 'oy',
  ab: 'ab',
  kft: 'kft',
  doo: 'doo',
  sro: 'sro',
  spzoo: 'spzoo',
  est: 'est',
  establishment: 'est',
};

/** Legal forms written as several tokens (once dots are gone), recognised at the end of a name. */
const LEGAL_FORM_SEQUENCES: { parts: string[]; form: string }[] = [
  { parts: ['s', 'a', 'de', 'c', 'v'], form: 'sa' },
  { parts: ['sa', 'de', 'cv'], form: 'sa' },
  { parts: ['s', 'de', 'r', 'l', 'de', 'c', 'v'], form: 'srl' },
  { parts: ['s', 'de', 'rl', 'de', 'cv'], form: 'srl' },
  { parts: ['s', 'de', 'r', 'l'], form: 'srl' },
  { parts: ['s', 'de', 'rl'], form: 'srl' },
  { parts: ['s', 'a', 's'], form: 'sas' },
  { parts: ['s', 'a', 'c'], form: 'sac' },
  { parts: ['s', 'r', 'l'], form: 'srl' },
  { parts: ['s', 'p', 'a'], form: 'spa' },
  { parts: ['s', 'a'], form: 'sa' },
  { parts: ['l', 'l', 'c'], form: 'llc' },
  { parts: ['l', 't', 'd'], form: 'ltd' },
  { parts: ['b', 'v'], form: 'bv' },
  { parts: ['n', 'v'], form: 'nv' },
  { parts: ['c', 'v'], form: 'cv' },
  { parts: ['sdn', 'bhd'], form: 'bhd' },
  { parts: ['sp', 'z', 'o', 'o'], form: 'spzoo' },
  { parts: ['fz', 'llc'], form: 'llc' },
  { parts: ['limited', 'liability', 'company'], form: 'llc' },
  { parts: ['joint', 'stock', 'company'], form: 'jsc' },
  { parts: ['public', 'joint', 'stock', 'company'], form: 'jsc' },
  { parts: ['closed', 'joint', 'stock', 'company'], form: 'jsc' },
  { parts: ['open', 'joint', 'stock', 'company'], form: 'jsc' },
  { parts: ['public', 'limited', 'company'], form: 'plc' },
  { parts: ['private', 'limited'], form: 'ltd' },
  { parts: ['pvt', 'ltd'], form: 'ltd' },
];

const EMPTY: NormalizedName = { tokens: [], legalForms: [], honorifics: [] };

function foldHomoglyphs(token: string): string {
  let out = '';
  for (const ch of token) out += HOMOGLYPHS[ch] ?? ch;
  return out;
}

function isAllHomoglyphs(token: string): boolean {
  for (const ch of token)
    if (ANY_LETTER.test(ch) && !LATIN_LETTER.test(ch) && HOMOGLYPHS[ch] === undefined) return false;
  return true;
}

/** A mixed word is a disguised Latin word when Latin letters are at least half of it; else a native word. */
function latinMajority(word: string): boolean {
  let latin = 0;
  let other = 0;
  for (const ch of word) {
    if (LATIN_LETTER.test(ch)) latin++;
    else if (LOOKALIKE_SCRIPT_LETTER.test(ch)) other++;
  }
  return latin >= other;
}

/**
 * Undoes look-alike disguises word by word: a word mixing Latin with Cyrillic/Greek letters has its look-alikes
 * folded to Latin; a word made only of look-alikes is folded too when the rest of the name is Latin.
 */
function undoHomoglyphs(text: string): string {
  if (!LOOKALIKE_SCRIPT_LETTER.test(text)) return text;
  const words = text.split(/(\s+)/);
  const latinWords = words.filter((w) => LATIN_LETTER.test(w) && !LOOKALIKE_SCRIPT_LETTER.test(w)).length;
  const lookalikeWords = words.filter((w) => LOOKALIKE_SCRIPT_LETTER.test(w));
  return words
    .map((w) => {
      if (!LOOKALIKE_SCRIPT_LETTER.test(w)) return w;
      // Mixed scripts: a disguised Latin word when Latin dominates or every other letter is a look-alike.
      if (LATIN_LETTER.test(w)) return latinMajority(w) || isAllHomoglyphs(w) ? foldHomoglyphs(w) : w;
      // All look-alikes: a disguise inside a Latin name, or in a registration-like word with digits ("Р-671").
      if (isAllHomoglyphs(w) && ((latinWords > 0 && latinWords >= lookalikeWords.length) || /[0-9]/.test(w))) {
        return foldHomoglyphs(w);
      }
      return w;
    })
    .join('');
}

/** Long legal-form words, also recognised misspelt ("compani", "lmited") anywhere in a name. */
const LONG_LEGAL_FORMS: [string, string][] = [
  ['company', 'co'],
  ['limited', 'ltd'],
  ['corporation', 'corp'],
  ['incorporated', 'inc'],
  ['establishment', 'est'],
];

/** Legal forms recognised with one typo when they end the name ("ltdn", "gmhb"); chosen not to be name-like. */
const SHORT_LEGAL_FORMS: [string, string][] = [
  ['ltd', 'ltd'],
  ['ltda', 'ltd'],
  ['gmbh', 'gmbh'],
  ['corp', 'corp'],
  ['llc', 'llc'],
];

function fuzzyLegalForm(token: string, last: boolean): string | undefined {
  if (token.length < 4) return undefined;
  if (token.length >= 6) {
    const folded = simplifySpelling(token);
    for (const [word, form] of LONG_LEGAL_FORMS) {
      if (Math.abs(word.length - token.length) > 2) continue;
      if (jaroWinkler(word, token) >= 0.92 || jaroWinkler(simplifySpelling(word), folded) >= 0.95) return form;
    }
  }
  if (last && token.length <= 5) {
    for (const [word, form] of SHORT_LEGAL_FORMS) if (withinOneEdit(word, token)) return form;
  }
  return undefined;
}

function stripLeadingLegalForms(tokens: string[], legalForms: string[]): string[] {
  for (const { parts, form } of LEGAL_FORM_SEQUENCES) {
    if (parts.length >= tokens.length) continue;
    let same = true;
    for (let i = 0; i < parts.length && same; i++) same = tokens[i] === parts[i];
    if (same) {
      legalForms.push(form);
      return tokens.slice(parts.length);
    }
  }
  return tokens;
}

function stripTrailingLegalForms(tokens: string[], legalForms: string[]): string[] {
  let end = tokens.length;
  let changed = true;
  while (changed && end > 1) {
    changed = false;
    for (const { parts, form } of LEGAL_FORM_SEQUENCES) {
      if (parts.length >= end) continue;
      let same = true;
      for (let i = 0; i < parts.length && same; i++) same = tokens[end - parts.length + i] === parts[i];
      if (same) {
        end -= parts.length;
        legalForms.push(form);
        changed = true;
        break;
      }
    }
    if (!changed && end > 1 && LEGAL_FORMS[tokens[end - 1]] !== undefined) {
      legalForms.push(LEGAL_FORMS[tokens[end - 1]]);
      end--;
      changed = true;
    }
  }
  return end === tokens.length ? tokens : tokens.slice(0, end);
}

/**
 * Reduces a name to comparable tokens: NFKC, invisible and bidi controls removed, look-alike letters folded,
 * other scripts transliterated (any-ascii, which also drops diacritics), case folded, punctuation split,
 * leading honorifics, particles and legal forms removed (legal forms are recorded). Bounded cost for any input.
 */
export function normalizeName(raw: string): NormalizedName {
  if (typeof raw !== 'string' || raw.length === 0) return EMPTY;
  let text = raw.length > MAX_NAME_CHARS * 2 ? raw.slice(0, MAX_NAME_CHARS * 2) : raw;
  text = text.normalize('NFKC').replace(INVISIBLE, '');
  if (text.length > MAX_NAME_CHARS) text = text.slice(0, MAX_NAME_CHARS);
  text = anyAscii(undoHomoglyphs(text)).toLowerCase();
  // Dotted acronyms are one word ("G.L.G." → glg, "S.A." → sa); apostrophes join (O'Brien, Gama'at).
  text = text.replace(/\b(?:[a-z0-9]\.){2,}/g, (m) => `${m.replace(/\./g, '')} `).replace(/['`]/g, '');

  // Honorifics lead the name or its part after a comma ("KREKAR, Mullah"); elsewhere they may be a surname.
  const honorifics: string[] = [];
  let tokens: string[] = [];
  for (const segment of text.split(',')) {
    const words = segment.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
    let i = 0;
    while (i < words.length && isHonorific(words[i])) i++;
    honorifics.push(...words.slice(0, i));
    tokens.push(...words.slice(i));
    if (tokens.length > MAX_NAME_TOKENS * 2) break;
  }
  if (tokens.length === 0) {
    if (honorifics.length === 0) return EMPTY;
    tokens = honorifics.splice(0);
  }
  if (tokens.length > MAX_NAME_TOKENS * 2) tokens = tokens.slice(0, MAX_NAME_TOKENS * 2);

  const named = tokens;
  const legalForms: string[] = [];
  tokens = stripTrailingLegalForms(stripLeadingLegalForms(tokens, legalForms), legalForms);
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Two-letter forms (ag, as, sa, co) are also name parts: only removed at the end (stripTrailingLegalForms).
    const exact = t.length >= 3 ? LEGAL_FORMS[t] : undefined;
    const form = exact ?? (tokens.length > 1 ? fuzzyLegalForm(t, i === tokens.length - 1) : undefined);
    if (form !== undefined) legalForms.push(form);
    else if (!PARTICLES.has(t)) kept.push(t);
  }
  // A name made only of particles or legal forms ("The Company") keeps its words rather than vanish.
  const meaningful = named.filter((t) => !PARTICLES.has(t));
  const result = kept.length > 0 ? kept : meaningful.length > 0 ? meaningful : named;
  return {
    tokens: result.length > MAX_NAME_TOKENS ? result.slice(0, MAX_NAME_TOKENS) : result,
    legalForms: kept.length > 0 ? legalForms : [],
    honorifics,
  };
}
