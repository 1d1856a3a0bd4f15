import type { ListEntryRecord } from '../lists/list-entry.js';
import type { IndexedEntry, MatchQuery } from './name-match.types.js';
import type { NameIndex } from './name.index.js';
import { normalizeName } from './name.normalizer.js';

/** How a positive query was derived from a real list name, or what kind of negative it is. */
export type EvaluationKind =
  | 'typo'
  | 'reorder'
  | 'missing-part'
  | 'transliteration'
  | 'legal-form'
  | 'script'
  | 'homoglyph'
  | 'formatting'
  | 'typo-reorder'
  | 'negative'
  | 'negative-shared-part';

/** One labelled query: a positive names the entry it must find (expectedKey); a negative must find nothing. */
export interface EvaluationCase {
  kind: EvaluationKind;
  query: MatchQuery;
  /** The indexed entry's key for positives; undefined for negatives. */
  expectedKey?: string;
  /** The list name the query was derived from (positives). */
  source?: string;
}

export interface EvaluationOptions {
  seed?: number;
  positives?: number;
  negatives?: number;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same set on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Given names and surnames for synthetic people, from many cultures; any that appear in the lists are dropped. */
export const FIRST_NAME_POOL = [
  'Oliver',
  'Amelia',
  'Henrik',
  'Ingrid',
  'Matteo',
  'Giulia',
  'Sebastien',
  'Camille',
  'Lukas',
  'Annika',
  'Mateusz',
  'Zofia',
  'Jaroslav',
  'Bozena',
  'Tiago',
  'Beatriz',
  'Aarav',
  'Priyanka',
  'Haruto',
  'Yui',
  'Minjun',
  'Seoyeon',
  'Kwame',
  'Abena',
  'Chidi',
  'Ngozi',
  'Thabo',
  'Lerato',
  'Emre',
  'Elif',
  'Arjun',
  'Meera',
  'Santiago',
  'Valentina',
  'Joaquin',
  'Florencia',
  'Niamh',
  'Cillian',
  'Eero',
  'Aino',
  'Bjorn',
  'Sigrid',
  'Quentin',
  'Margaux',
  'Lorenzo',
  'Chiara',
  'Dmitri',
  'Anastasia',
  'Wiremu',
  'Aroha',
  'Malia',
  'Keoni',
  'Tobias',
  'Leonie',
  'Rasmus',
  'Freja',
  'Cosmin',
  'Ioana',
  'Kalani',
  'Brigid',
  'Eamon',
  'Siobhan',
  'Teodor',
  'Milena',
  'Anouk',
  'Daan',
  'Ruben',
  'Noor',
  'Wilhelmina',
  'Cornelius',
  'Penelope',
  'Barnaby',
  'Ophelia',
  'Thaddeus',
  'Imogen',
  'Rupert',
  'Harriet',
  'Gwendolyn',
] as const;

export const SURNAME_POOL = [
  'Whitfield',
  'Hargreaves',
  'Lindqvist',
  'Bergstrom',
  'Castellano',
  'Bellucci',
  'Dubois',
  'Lefebvre',
  'Kowalczyk',
  'Wisniewska',
  'Novotny',
  'Dvorakova',
  'Carvalho',
  'Fonseca',
  'Iyer',
  'Chatterjee',
  'Takahashi',
  'Nakamura',
  'Seong',
  'Hwangbo',
  'Mensah',
  'Owusu',
  'Okonkwo',
  'Adeyemi',
  'Nkosi',
  'Dlamini',
  'Yilmazer',
  'Kaplanoglu',
  'Ramanathan',
  'Villalobos',
  'Etcheverry',
  'Gallagher',
  'Brannigan',
  'Virtanen',
  'Lahtinen',
  'Haugland',
  'Sorensen',
  'Moreau',
  'Marchetti',
  'Greco',
  'Tereshkova',
  'Ngata',
  'Kealoha',
  'Vanderbilt',
  'Thorsen',
  'Fitzgerald',
  'Ashworth',
  'Pemberton',
  'Blackwood',
  'Holloway',
  'Winterbottom',
  'Fairweather',
  'Quigley',
  'Ravenscroft',
  'Ellingsen',
  'Lundgren',
  'Szymanski',
  'Ferreira',
  'Oyelaran',
  'Tanaka',
  'Cattaneo',
  'Lombardi',
  'Beauchamp',
  'Pettersson',
  'Halvorsen',
  'Kirkpatrick',
  'Montgomery',
  'Abernathy',
  'Featherstone',
  'Applegate',
  'Honeycutt',
] as const;

const ORG_WORDS = [
  'Meadow',
  'Harbour',
  'Orchard',
  'Summit',
  'Willow',
  'Copper',
  'Lantern',
  'Bramble',
  'Falcon',
  'Juniper',
  'Cobalt',
  'Marigold',
  'Heron',
  'Granite',
  'Saffron',
  'Thistle',
  'Aurora',
  'Kestrel',
  'Beacon',
  'Driftwood',
] as const;
const ORG_KINDS = [
  'Bakery',
  'Logistics',
  'Software',
  'Dental',
  'Architects',
  'Textiles',
  'Brewing',
  'Florists',
] as const;
const LEGAL_FORMS = ['Ltd', 'Limited', 'LLC', 'L.L.C.', 'GmbH', 'S.A.', 'Inc.', 'Co.', 'Company', 'Corp', 'OOO', 'JSC'];

const LATIN_TO_CYRILLIC: [string, string][] = [
  ['shch', 'щ'],
  ['kh', 'х'],
  ['zh', 'ж'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['a', 'а'],
  ['b', 'б'],
  ['v', 'в'],
  ['g', 'г'],
  ['d', 'д'],
  ['e', 'е'],
  ['z', 'з'],
  ['i', 'и'],
  ['y', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['f', 'ф'],
  ['h', 'х'],
  ['c', 'к'],
  ['q', 'к'],
  ['w', 'в'],
  ['x', 'кс'],
  ['j', 'дж'],
];

const HOMOGLYPH_OF: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', i: 'і', y: 'у' };

/** Spelling variants seen between transliterations (both directions are listed where both occur). */
const TRANSLITERATIONS: [RegExp, string][] = [
  [/mohammed|muhammad|mohamed|mohammad|muhammed/i, 'Mohamad'],
  [/ou/i, 'u'],
  [/oo/i, 'u'],
  [/ee/i, 'i'],
  [/kh/i, 'h'],
  [/ph/i, 'f'],
  [/y/i, 'i'],
  [/(?<=[a-z])i(?=[a-z])/i, 'y'],
  [/u(?=[a-z])/i, 'ou'],
  [/q/i, 'k'],
  [/w/i, 'v'],
  [/v/i, 'w'],
  [/j/i, 'dj'],
  [/sch/i, 'sh'],
  [/ie/i, 'i'],
  [/ei/i, 'ey'],
  [/dh/i, 'z'],
  [/c(?=[aou])/i, 'k'],
  [/x/i, 'ks'],
  [/abdul /i, 'Abdul'],
  [/abd al /i, 'Abdul '],
];

function isLatinName(name: string): boolean {
  return /^[\p{Script=Latin}0-9\s.,'"()&/-]+$/u.test(name);
}

function words(name: string): string[] {
  return name.split(/[\s,]+/).filter((w) => w.length > 0);
}

function typo(random: Random, name: string): string | undefined {
  const ws = words(name);
  const candidates = ws.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 5);
  if (candidates.length === 0) return undefined;
  const { w, i } = pick(random, candidates);
  // Edits fall on letters inside the word, never on hyphens or dots ("AL-KHAYAT" does not become "A-LKHAYAT").
  const inner = [...w]
    .map((c, k) => ({ c, k }))
    .filter(({ c, k }) => k > 0 && k < w.length - 1 && /[A-Za-z]/.test(c) && /[A-Za-z]/.test(w[k - 1]));
  if (inner.length === 0) return undefined;
  const at = pick(random, inner).k;
  const letters = 'aeioulnrstmkdh';
  let changed: string;
  switch (Math.floor(random() * 4)) {
    case 0:
      changed = w.slice(0, at) + pick(random, [...letters]) + w.slice(at + 1);
      break;
    case 1:
      changed = w.slice(0, at) + w.slice(at + 1);
      break;
    case 2:
      changed = w.slice(0, at) + pick(random, [...letters]) + w.slice(at);
      break;
    default:
      changed = w.slice(0, at - 1) + w[at] + w[at - 1] + w.slice(at + 1);
  }
  if (changed.toLowerCase() === w.toLowerCase()) return undefined;
  ws[i] = changed;
  return ws.join(' ');
}

const TRAILING_LEGAL_FORM =
  /,?\s+(LLC|L\.L\.C\.|LTDA?\.?|LIMITED|LIMITADA|GMBH|S\.A\.(\s+DE\s+C\.V\.)?|S\.A\.S\.|S\.A\.C\.|S\. DE R\.L\.( DE C\.V\.)?|INC\.?|CO\.?|COMPANY|CORP\.?|CORPORATION|OOO|JSC|PJSC|SARL|D\.O\.O\.)\s*$/i;

function reorder(random: Random, name: string, record?: ListEntryRecord): string | undefined {
  if (record && record.entityType !== 'individual') {
    // Organisations: the words move, the legal form stays at the end as people write it.
    const form = TRAILING_LEGAL_FORM.exec(name);
    const core = form ? name.slice(0, form.index) : name;
    const ws = words(core.replace(/,/g, ' '));
    if (ws.length < 2) return undefined;
    const shift = 1 + Math.floor(random() * (ws.length - 1));
    return [...ws.slice(shift), ...ws.slice(0, shift)].join(' ') + (form ? form[0].replace(/^,/, '') : '');
  }
  const comma = name.indexOf(',');
  if (comma > 0) return `${name.slice(comma + 1).trim()} ${name.slice(0, comma).trim()}`;
  const ws = words(name);
  if (ws.length < 2) return undefined;
  const shift = 1 + Math.floor(random() * (ws.length - 1));
  return [...ws.slice(shift), ...ws.slice(0, shift)].join(' ');
}

function missingPart(random: Random, name: string): string | undefined {
  const ws = words(name);
  const meaningful = ws.map((w, i) => ({ w, i })).filter(({ w }) => w.replace(/[^A-Za-z]/g, '').length >= 3);
  if (meaningful.length < 3) return undefined;
  const drop = pick(random, meaningful.slice(1));
  return ws.filter((_, i) => i !== drop.i).join(' ');
}

function transliterate(random: Random, name: string): string | undefined {
  const applicable = TRANSLITERATIONS.filter(([re]) => re.test(name));
  if (applicable.length === 0) return undefined;
  let out = name;
  const times = Math.min(applicable.length, 1 + Math.floor(random() * 2));
  for (let i = 0; i < times; i++) {
    const [re, to] = pick(random, applicable);
    out = out.replace(re, to);
  }
  return out === name ? undefined : out;
}

function legalForm(random: Random, name: string, record: ListEntryRecord): string | undefined {
  if (record.entityType !== 'organisation') return undefined;
  const stripped = name.replace(TRAILING_LEGAL_FORM, '').trim();
  const form = pick(random, LEGAL_FORMS);
  return `${stripped}${random() < 0.5 ? ',' : ''} ${form}`;
}

function toCyrillic(name: string): string {
  let out = '';
  const lower = name.toLowerCase();
  for (let i = 0; i < lower.length;) {
    const hit = LATIN_TO_CYRILLIC.find(([latin]) => lower.startsWith(latin, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += lower[i];
      i++;
    }
  }
  return out;
}

function homoglyphs(random: Random, name: string): string | undefined {
  const chars = [...name];
  const positions = chars.map((c, i) => ({ c: c.toLowerCase(), i })).filter(({ c }) => HOMOGLYPH_OF[c] !== undefined);
  if (positions.length === 0) return undefined;
  const times = 1 + Math.floor(random() * Math.min(3, positions.length));
  for (let k = 0; k < times; k++) {
    const { c, i } = pick(random, positions);
    chars[i] = chars[i] === c ? HOMOGLYPH_OF[c] : HOMOGLYPH_OF[c].toUpperCase();
  }
  // Zero-width space, and sometimes a right-to-left override, hidden in the name.
  const at = 1 + Math.floor(random() * Math.max(1, chars.length - 2));
  chars.splice(at, 0, random() < 0.5 ? '\u200B' : '\u202E');
  return chars.join('');
}

function formatting(random: Random, name: string): string {
  const accents: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ', c: 'ç' };
  let out = name.toLowerCase().replace(/-/g, ' ').replace(/,/g, '');
  const letters = [...out];
  for (let i = 0; i < letters.length; i++) if (accents[letters[i]] && random() < 0.3) letters[i] = accents[letters[i]];
  out = letters.join('');
  return random() < 0.5 ? out.toUpperCase() : out;
}

function perturb(kind: EvaluationKind, random: Random, name: string, record: ListEntryRecord): string | undefined {
  switch (kind) {
    case 'typo':
      return typo(random, name);
    case 'reorder':
      return reorder(random, name, record);
    case 'missing-part':
      return missingPart(random, name);
    case 'transliteration':
      return transliterate(random, name);
    case 'legal-form':
      return legalForm(random, name, record);
    case 'script':
      return record.entityType === 'individual' ? toCyrillic(name.replace(/,/g, ' ')) : undefined;
    case 'homoglyph':
      return homoglyphs(random, name);
    case 'formatting':
      return formatting(random, name);
    case 'typo-reorder': {
      const r = reorder(random, name, record);
      return r ? typo(random, r) : undefined;
    }
    case 'negative':
    case 'negative-shared-part':
      return undefined;
  }
}

const POSITIVE_KINDS: EvaluationKind[] = [
  'typo',
  'reorder',
  'missing-part',
  'transliteration',
  'legal-form',
  'script',
  'homoglyph',
  'formatting',
  'typo-reorder',
];

/**
 * Builds a labelled evaluation set from real list entries: positives are list names perturbed the way real
 * data differs (typos, reordered or missing parts, transliteration variants, legal forms, Cyrillic script,
 * homoglyphs with hidden characters, case and accents); negatives are synthetic names from pools of name parts
 * absent from the lists, some sharing one real name part with a list entry. Deterministic for a seed.
 */
export function buildEvaluationSet(
  entries: readonly IndexedEntry[],
  options: EvaluationOptions = {},
): EvaluationCase[] {
  const random = seededRandom(options.seed ?? 42);
  const positives = options.positives ?? 1000;
  const negatives = options.negatives ?? 1000;
  const listTokens = new Set<string>();
  for (const e of entries) {
    for (const t of normalizeName(e.record.name).tokens) listTokens.add(t);
    for (const a of e.record.aliases) for (const t of normalizeName(a.name).tokens) listTokens.add(t);
  }
  const unlisted = (pool: readonly string[]) => pool.filter((n) => !listTokens.has(normalizeName(n).tokens[0] ?? ''));
  const firstNames = unlisted(FIRST_NAME_POOL);
  const surnames = unlisted(SURNAME_POOL);
  const orgWords = unlisted(ORG_WORDS);

  const cases: EvaluationCase[] = [];
  const usable = entries.filter((e) => e.record.entityType !== 'unknown');
  let guard = 0;
  while (cases.length < positives && guard++ < positives * 50) {
    const entry = pick(random, usable);
    const strong = [
      entry.record.name,
      ...entry.record.aliases.filter((a) => a.strength === 'strong').map((a) => a.name),
    ];
    const name = pick(random, strong.filter(isLatinName).length > 0 ? strong.filter(isLatinName) : [entry.record.name]);
    if (!isLatinName(name) || normalizeName(name).tokens.length === 0) continue;
    const kind = POSITIVE_KINDS[cases.length % POSITIVE_KINDS.length];
    const variant = perturb(kind, random, name, entry.record);
    if (!variant || normalizeName(variant).tokens.length === 0) continue;
    cases.push({ kind, query: { name: variant }, expectedKey: entry.key, source: name });
  }

  const people = entries.filter((e) => e.record.entityType === 'individual');
  for (let i = 0; i < negatives; i++) {
    const roll = random();
    if (roll < 0.55) {
      const parts = [pick(random, firstNames), pick(random, surnames)];
      if (random() < 0.3) parts.splice(1, 0, pick(random, firstNames));
      cases.push({ kind: 'negative', query: { name: parts.join(' '), entityType: 'individual' } });
    } else if (roll < 0.75) {
      const form = pick(random, LEGAL_FORMS);
      const name = `${pick(random, orgWords)} ${pick(random, ORG_KINDS)} ${form}`;
      cases.push({ kind: 'negative', query: { name } });
    } else {
      // A real given name or surname with unrelated other parts: the kind of near miss screening must not alert on.
      const entry = pick(random, people);
      const tokens = words(entry.record.aliases.find((a) => a.strength === 'strong')?.name ?? entry.record.name);
      const kept = pick(random, tokens);
      const name = random() < 0.5 ? `${kept} ${pick(random, surnames)}` : `${pick(random, firstNames)} ${kept}`;
      cases.push({ kind: 'negative-shared-part', query: { name } });
    }
  }
  return cases;
}

/** Precision, recall and F1 of the index on a labelled set at one threshold, overall and per kind. */
export interface EvaluationResult {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Recall for positive kinds; share without an alert for negative kinds. */
  byKind: Record<string, { cases: number; correct: number; rate: number }>;
}

/** The best score each case reached: the expected entry's for positives, any entry's for negatives. */
export function scoreEvaluationSet(index: NameIndex, cases: readonly EvaluationCase[], floor = 0.5): number[] {
  return cases.map((c) => {
    const hits = index.search(c.query, { minScore: floor, limit: 100 });
    if (c.expectedKey === undefined) return hits.length > 0 ? hits[0].score : 0;
    return hits.find((h) => h.key === c.expectedKey)?.score ?? 0;
  });
}

/** Metrics at a threshold from the scores of scoreEvaluationSet (so many thresholds cost one search each). */
export function evaluateAt(
  cases: readonly EvaluationCase[],
  scores: readonly number[],
  threshold: number,
): EvaluationResult {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const byKind: EvaluationResult['byKind'] = {};
  cases.forEach((c, i) => {
    const alerted = scores[i] >= threshold;
    const positive = c.expectedKey !== undefined;
    const correct = positive ? alerted : !alerted;
    if (positive && alerted) tp++;
    else if (positive) fn++;
    else if (alerted) fp++;
    else tn++;
    const k = (byKind[c.kind] ??= { cases: 0, correct: 0, rate: 0 });
    k.cases++;
    if (correct) k.correct++;
  });
  for (const k of Object.values(byKind)) k.rate = k.cases > 0 ? k.correct / k.cases : 0;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision,
    recall,
    f1,
    byKind,
  };
}
