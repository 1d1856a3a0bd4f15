import {
  entryFacts,
  IDENTIFIER_MATCH_SCORE,
  matchingIdentifier,
  MAX_EVIDENCE_BONUS,
  normalizeIdentifier,
  weighEvidence,
  type EntryFacts,
  type ScoreAdjustment,
} from './match.evidence.js';
import type { IndexedEntry, MatchQuery, NameMatch, NameSearchOptions } from './name-match.types.js';
import { isHonorific, normalizeName } from './name.normalizer.js';
import { deletionVariants, tokenKeys, type TokenKeys } from './phonetic.keys.js';
import {
  alignTokens,
  MIN_TOKEN_SIMILARITY,
  tokenSimilarity,
  unmatchedQueryWeight,
  type TokenAlignment,
} from './token-set.similarity.js';

export type { IndexedEntry, MatchExplanation, MatchQuery, NameMatch, NameSearchOptions } from './name-match.types.js';

/**
 * Hits scoring below this are not reported by default. Chosen on the evaluation set (matching/evaluation-set.ts,
 * numbers in BENCHMARKS.md): F1 peaks here (precision 0.995, recall 0.982); 0.85 trades 0.6 points of recall
 * for 0.2 of precision.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.8;
/** Default number of hits returned. */
export const DEFAULT_MATCH_LIMIT = 20;
/** Weight of a title inside a name (a leading one is removed by the normaliser). */
const HONORIFIC_WEIGHT = 0.2;
/** What matching a weak (low-quality) alias costs. */
const WEAK_ALIAS_PENALTY = 0.08;
/** Candidates scored per query at most, best query coverage first (keeps very common names bounded). */
const MAX_SCORED_CANDIDATES = 3000;

interface Builder {
  tokenIds: Map<string, number>;
  tokenText: string[];
  tokenKeys: TokenKeys[];
  tokenDocs: number[][];
  keyTokens: Map<string, number[]>;
}

/**
 * Where a name part is filed: its Double Metaphone codes, its romanisation-folded spelling, its single-deletion
 * variants (so one typo or one swapped pair still meets), and its consonant skeleton (all parts under 's', parts
 * without vowels also under 'v', so that a vowel-less transliteration and a full spelling find each other).
 */
function indexKeys(token: string, keys: TokenKeys): string[] {
  const out = commonKeys(token, keys);
  if (keys.skeleton.length >= 2) {
    out.push(`s${keys.skeleton}`);
    if (keys.vowelless) out.push(`v${keys.skeleton}`);
  }
  return out;
}

/** The keys a query part looks up: the same as indexKeys, the skeleton only across the vowel divide. */
function queryKeys(token: string, keys: TokenKeys): string[] {
  const out = commonKeys(token, keys);
  if (keys.skeleton.length >= 2) out.push(keys.vowelless ? `s${keys.skeleton}` : `v${keys.skeleton}`);
  return out;
}

function commonKeys(token: string, keys: TokenKeys): string[] {
  const out: string[] = [];
  for (const code of keys.phonetic) out.push(`p${code}`);
  if (keys.simplified !== token) out.push(`d${keys.simplified}`);
  out.push(`d${token}`);
  for (const d of deletionVariants(token)) out.push(`d${d}`);
  return out;
}

/**
 * In-memory index of list entries for name screening. Candidates come from blocking: each distinct name part
 * is filed under its Double Metaphone codes, 3-letter prefix and suffix, and consonant skeleton; a query part
 * looks up similar parts through those keys (verified by Jaro-Winkler), and only names containing enough of
 * them are scored with the token-set similarity and the corroborating evidence. Immutable once built.
 */
export class NameIndex {
  private readonly entries: IndexedEntry[];
  /** Each entry's prepared facts, computed when the entry is first a candidate (saves memory on large indexes). */
  private readonly facts: (EntryFacts | undefined)[];
  private readonly tokenIds: Map<string, number>;
  private readonly tokenText: string[];
  private readonly tokenKeys: TokenKeys[];
  private readonly tokenWeight: Float32Array;
  private readonly tokenDocStart: Int32Array;
  private readonly tokenDocList: Int32Array;
  private readonly keyTokens: Map<string, Int32Array>;
  private readonly docEntry: Int32Array;
  /** Which name of the entry a document is: -1 the primary name, else the alias index. */
  private readonly docAlias: Int32Array;
  private readonly docTokStart: Int32Array;
  private readonly docTokList: Int32Array;
  private readonly identifierEntries: Map<string, number[]>;
  private readonly docStamp: Uint32Array;
  private readonly docMask: Uint16Array;
  private readonly docCover: Float32Array;
  private readonly tokenStamp: Uint32Array;
  private generation = 0;

  private constructor(entries: IndexedEntry[]) {
    this.entries = entries;
    this.facts = new Array<EntryFacts | undefined>(entries.length);
    const b: Builder = { tokenIds: new Map(), tokenText: [], tokenKeys: [], tokenDocs: [], keyTokens: new Map() };
    const docEntry: number[] = [];
    const docAlias: number[] = [];
    const docTokStart: number[] = [0];
    const docTokList: number[] = [];
    this.identifierEntries = new Map();
    const seen = new Set<string>();
    for (let ei = 0; ei < entries.length; ei++) {
      const record = entries[ei].record;
      for (const raw of record.identifiers) {
        const id = normalizeIdentifier(raw.value);
        if (id.length < 4) continue;
        const list = this.identifierEntries.get(id);
        if (!list) this.identifierEntries.set(id, [ei]);
        else if (list[list.length - 1] !== ei) list.push(ei);
      }
      seen.clear();
      const names: { name: string; alias: number }[] = [{ name: record.name, alias: -1 }];
      // Strong aliases first, so that a name published both ways is kept as the stronger one.
      record.aliases.forEach((a, i) => a.strength === 'strong' && names.push({ name: a.name, alias: i }));
      record.aliases.forEach((a, i) => a.strength === 'weak' && names.push({ name: a.name, alias: i }));
      for (const { name, alias } of names) {
        const tokens = normalizeName(name).tokens;
        if (tokens.length === 0) continue;
        const signature = tokens.join(' ');
        if (seen.has(signature)) continue;
        seen.add(signature);
        const doc = docEntry.length;
        docEntry.push(ei);
        docAlias.push(alias);
        const distinct = new Set<number>();
        for (const t of tokens) {
          const tid = this.internToken(b, t);
          docTokList.push(tid);
          if (!distinct.has(tid)) {
            distinct.add(tid);
            b.tokenDocs[tid].push(doc);
          }
        }
        docTokStart.push(docTokList.length);
      }
    }
    this.tokenIds = b.tokenIds;
    this.tokenText = b.tokenText;
    this.tokenKeys = b.tokenKeys;
    this.docEntry = Int32Array.from(docEntry);
    this.docAlias = Int32Array.from(docAlias);
    this.docTokStart = Int32Array.from(docTokStart);
    this.docTokList = Int32Array.from(docTokList);
    const tokenCount = b.tokenText.length;
    this.tokenWeight = new Float32Array(tokenCount);
    this.tokenDocStart = new Int32Array(tokenCount + 1);
    let total = 0;
    for (let t = 0; t < tokenCount; t++) total += b.tokenDocs[t].length;
    this.tokenDocList = new Int32Array(total);
    const docCount = docEntry.length;
    const logN = Math.log(docCount + 1);
    let at = 0;
    for (let t = 0; t < tokenCount; t++) {
      const docs = b.tokenDocs[t];
      this.tokenDocStart[t] = at;
      this.tokenDocList.set(docs, at);
      at += docs.length;
      this.tokenWeight[t] = isHonorific(b.tokenText[t]) ? HONORIFIC_WEIGHT : this.weightOf(docs.length, logN);
    }
    this.tokenDocStart[tokenCount] = at;
    this.keyTokens = new Map();
    for (const [key, list] of b.keyTokens) this.keyTokens.set(key, Int32Array.from(list));
    this.docStamp = new Uint32Array(docCount);
    this.docMask = new Uint16Array(docCount);
    this.docCover = new Float32Array(docCount);
    this.tokenStamp = new Uint32Array(tokenCount);
  }

  /** Builds the index; entries with no usable name are kept (identifier look-up) but have no name documents. */
  static build(entries: Iterable<IndexedEntry>): NameIndex {
    return new NameIndex([...entries]);
  }

  /** Number of entries indexed. */
  get size(): number {
    return this.entries.length;
  }

  /** Number of names (primary names and distinct aliases) indexed. */
  get nameCount(): number {
    return this.docEntry.length;
  }

  private weightOf(df: number, logN: number): number {
    // Rare name parts identify; common ones ("mohammed", "trading") less so. Kept within [0.4, 1].
    if (logN <= 0) return 1;
    const idf = Math.log((Math.exp(logN) + 1) / (df + 1)) / logN;
    return 0.4 + 0.6 * Math.min(1, Math.max(0, idf));
  }

  private internToken(b: Builder, token: string): number {
    const known = b.tokenIds.get(token);
    if (known !== undefined) return known;
    const tid = b.tokenText.length;
    b.tokenIds.set(token, tid);
    b.tokenText.push(token);
    b.tokenDocs.push([]);
    const keys = tokenKeys(token);
    b.tokenKeys.push(keys);
    for (const key of indexKeys(token, keys)) {
      const list = b.keyTokens.get(key);
      if (list) list.push(tid);
      else b.keyTokens.set(key, [tid]);
    }
    return tid;
  }

  private factsOf(ei: number): EntryFacts {
    return (this.facts[ei] ??= entryFacts(this.entries[ei].record));
  }

  private nextGeneration(): number {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.docStamp.fill(0);
      this.tokenStamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /** Index tokens similar to one query token, with their similarity. */
  private similarTokens(token: string, generation: number): Map<number, number> {
    const out = new Map<number, number>();
    if (token.length < 2) return out;
    const keys = tokenKeys(token);
    const length = token.length;
    for (const key of queryKeys(token, keys)) {
      const list = this.keyTokens.get(key);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const tid = list[i];
        if (this.tokenStamp[tid] === generation) continue;
        this.tokenStamp[tid] = generation;
        const PR = (this as unknown as { prof?: Record<string, number> }).prof;
        if (PR) PR.verified++;
        const other = this.tokenKeys[tid];
        // Parts of very different length are not similar enough to be worth comparing.
        if (Math.abs(other.text.length - length) > Math.max(3, length >> 1) && other.simplified !== keys.simplified)
          continue;
        const sim = tokenSimilarity(keys, other);
        if (sim >= MIN_TOKEN_SIMILARITY) out.set(tid, sim);
      }
    }
    return out;
  }

  /** Index tokens that begin the query token ("sgm" in "sgmbridge"): candidates for a joined-up name. */
  private prefixTokens(token: string): number[] {
    const out: number[] = [];
    for (let len = 2; len <= token.length - 2; len++) {
      const tid = this.tokenIds.get(token.slice(0, len));
      if (tid !== undefined) out.push(tid);
    }
    return out;
  }

  /**
   * Screens one name: the entries whose primary name or alias is similar enough, best first, each with its
   * score in [0, 1] and an explanation. Never throws on odd input; an empty or unusable name finds nothing.
   */
  search(query: MatchQuery, options: NameSearchOptions = {}): NameMatch[] {
    const minScore = options.minScore ?? DEFAULT_MATCH_THRESHOLD;
    const limit = Math.max(0, options.limit ?? DEFAULT_MATCH_LIMIT);
    const normalized = normalizeName(typeof query.name === 'string' ? query.name : '');
    const qTokens = normalized.tokens;
    const nq = qTokens.length;
    const best = new Map<number, { doc: number; alignment: TokenAlignment; nameScore: number }>();

    const simMaps: Map<number, number>[] = [];
    const qWeights: number[] = [];
    const PROF = (this as unknown as { prof?: Record<string, number> }).prof;
    let T = performance.now();
    if (nq > 0) {
      for (let qi = 0; qi < nq; qi++) {
        const tokenGen = this.nextGeneration();
        const sims = this.similarTokens(qTokens[qi], tokenGen);
        simMaps.push(sims);
        const exact = this.tokenIds.get(qTokens[qi]);
        // A query part the lists do not know weighs fully, unless it is too short to identify anyone.
        let weight = qTokens[qi].length === 1 ? 0.3 : qTokens[qi].length <= 3 ? 0.6 : 1;
        if (exact !== undefined) weight = this.tokenWeight[exact];
        else if (sims.size > 0) {
          let bestSim = 0;
          for (const [tid, sim] of sims) {
            if (sim > bestSim) {
              bestSim = sim;
              weight = this.tokenWeight[tid];
            }
          }
        }
        // Titles left inside a name ("SANI MULLAH SAMAD") say little either way.
        qWeights.push(isHonorific(qTokens[qi]) ? HONORIFIC_WEIGHT : weight);
      }
      // Two query parts that the list writes as one ("abdul rahman" / "abdulrahman"): docs with the joined
      // form count for both parts.
      const joinedSims: { bits: number; sims: Map<number, number> }[] = [];
      for (let qi = 0; qi + 1 < nq; qi++) {
        if (qTokens[qi].length < 2 || qTokens[qi + 1].length < 2) continue;
        const sims = this.similarTokens(qTokens[qi] + qTokens[qi + 1], this.nextGeneration());
        if (sims.size > 0) joinedSims.push({ bits: (1 << qi) | (1 << (qi + 1)), sims });
      }
      if (PROF) {
        PROF.sim += performance.now() - T;
        T = performance.now();
        for (const m of simMaps) PROF.simTokens += m.size;
      }
      // Each touched name accumulates, per query part, the weight times the best similarity of its parts (sims
      // are visited best first, so the first hit per part is its best): an upper bound of the query coverage.
      const gen = this.nextGeneration();
      const touched: number[] = [];
      const touch = (tid: number, bits: number, gain: number): void => {
        const end = this.tokenDocStart[tid + 1];
        for (let i = this.tokenDocStart[tid]; i < end; i++) {
          const doc = this.tokenDocList[i];
          if (this.docStamp[doc] !== gen) {
            this.docStamp[doc] = gen;
            this.docMask[doc] = 0;
            this.docCover[doc] = 0;
            touched.push(doc);
          }
          const fresh = bits & ~this.docMask[doc];
          if (fresh === 0) continue;
          this.docMask[doc] |= fresh;
          this.docCover[doc] += fresh === bits ? gain : (gain * bitWeight(fresh, qWeights)) / bitWeight(bits, qWeights);
        }
      };
      for (let qi = 0; qi < nq; qi++) {
        const bit = 1 << qi;
        const sims = [...simMaps[qi]].sort((a, b) => b[1] - a[1]);
        for (const [tid, sim] of sims) touch(tid, bit, qWeights[qi] * sim);
        // A name part that begins this query part may be half of a joined-up name ("sgm" + "bridge").
        if (qTokens[qi].length >= 5)
          for (const tid of this.prefixTokens(qTokens[qi])) touch(tid, bit, qWeights[qi] * 0.95);
      }
      for (const { bits, sims } of joinedSims) {
        for (const [tid, sim] of sims) if (sim >= 0.9) touch(tid, bits, bitWeight(bits, qWeights) * sim);
      }
      let initials = 0;
      for (let qi = 0; qi < nq; qi++) {
        // Initials may still pair with a name part they begin: count them as covered.
        if (qTokens[qi].length === 1) initials += qWeights[qi];
      }
      const floor = minScore - MAX_EVIDENCE_BONUS;
      let candidates: { doc: number; bound: number }[] = [];
      // Unmatched query parts weigh at least UNMATCHED_QUERY_WEIGHT in the score (see alignTokens).
      const floorWeights = qWeights.map(unmatchedQueryWeight);
      const floorTotal = floorWeights.reduce((a, b) => a + b, 0);
      for (const doc of touched) {
        const mask = this.docMask[doc];
        let denominator = floorTotal;
        for (let qi = 0; qi < nq; qi++) if (mask & (1 << qi)) denominator -= floorWeights[qi] - qWeights[qi];
        const bound = (this.docCover[doc] + initials) / Math.max(denominator, 1e-9);
        if (bound >= floor) candidates.push({ doc, bound });
      }
      candidates.sort((a, b) => b.bound - a.bound);
      if (PROF) {
        PROF.touch += performance.now() - T;
        T = performance.now();
        PROF.touched += touched.length;
        PROF.cands += candidates.length;
      }
      if (candidates.length > MAX_SCORED_CANDIDATES) candidates = candidates.slice(0, MAX_SCORED_CANDIDATES);
      for (let c = 0; c < candidates.length; c++) {
        // Best bounds first: once `limit` entries already score clearly above what the rest could reach, stop.
        if (c > 0 && c % 32 === 0 && limit > 0) {
          const reachable = candidates[c].bound + MAX_EVIDENCE_BONUS;
          let above = 0;
          for (const hit of best.values()) if (hit.nameScore > reachable) above++;
          if (above >= limit) break;
        }
        this.scoreDoc(candidates[c].doc, qTokens, qWeights, simMaps, best);
        if (PROF) PROF.scored++;
      }
      if (PROF) {
        PROF.score += performance.now() - T;
      }
    }

    const idMatches = new Map<number, string>();
    for (const id of query.identifiers ?? []) {
      const v = normalizeIdentifier(typeof id?.value === 'string' ? id.value : '');
      for (const ei of this.identifierEntries.get(v) ?? []) {
        if (idMatches.has(ei)) continue;
        idMatches.set(ei, `${id.type} ${id.value}`);
        if (!best.has(ei)) this.scoreEntryNames(ei, qTokens, qWeights, simMaps, best);
      }
    }

    const results: { ei: number; score: number; adjustments: ScoreAdjustment[] }[] = [];
    for (const [ei, hit] of best) {
      const adjustments: ScoreAdjustment[] = [];
      // nameScore already includes the missing-parts reduction; it is listed so the deltas add up to the score.
      let score = hit.nameScore;
      const missing = hit.alignment.score - hit.alignment.queryCoverage;
      if (missing < -0.0005) {
        adjustments.push({ reason: 'list name has parts the query lacks', delta: round(missing) });
      }
      if (hit.doc >= 0 && this.docAlias[hit.doc] >= 0) {
        const alias = this.entries[ei].record.aliases[this.docAlias[hit.doc]];
        if (alias?.strength === 'weak') {
          adjustments.push({ reason: 'matched a weak (low-quality) alias', delta: -WEAK_ALIAS_PENALTY });
          score -= WEAK_ALIAS_PENALTY;
        }
      }
      if (score >= 0.5) {
        for (const a of weighEvidence(query, this.factsOf(ei), normalized.legalForms)) {
          adjustments.push({ reason: a.reason, delta: a.delta });
          score += a.delta;
        }
      }
      const identifier = idMatches.get(ei) ?? matchingIdentifier(query, this.factsOf(ei));
      if (identifier !== undefined && score < IDENTIFIER_MATCH_SCORE) {
        adjustments.push({ reason: `identifier ${identifier} equal`, delta: round(IDENTIFIER_MATCH_SCORE - score) });
        score = IDENTIFIER_MATCH_SCORE;
      }
      score = Math.min(1, Math.max(0, score));
      if (score >= minScore) results.push({ ei, score, adjustments });
    }
    results.sort((a, b) => b.score - a.score || a.ei - b.ei);
    return results.slice(0, limit).map((r) => this.describe(r.ei, r.score, r.adjustments, best.get(r.ei), qTokens));
  }

  private docTokens(doc: number): number[] {
    const out: number[] = [];
    for (let i = this.docTokStart[doc]; i < this.docTokStart[doc + 1]; i++) out.push(this.docTokList[i]);
    return out;
  }

  private scoreDoc(
    doc: number,
    qTokens: string[],
    qWeights: number[],
    simMaps: Map<number, number>[],
    best: Map<number, { doc: number; alignment: TokenAlignment; nameScore: number }>,
  ): void {
    const tids = this.docTokens(doc);
    const eTexts = tids.map((t) => this.tokenText[t]);
    const eWeights = tids.map((t) => this.tokenWeight[t]);
    const alignment = alignTokens(qTokens, eTexts, (qi, ei) => simMaps[qi].get(tids[ei]) ?? 0, qWeights, eWeights);
    const weak =
      this.docAlias[doc] >= 0 &&
      this.entries[this.docEntry[doc]].record.aliases[this.docAlias[doc]]?.strength === 'weak';
    const rank = alignment.score - (weak ? WEAK_ALIAS_PENALTY : 0);
    const ei = this.docEntry[doc];
    const current = best.get(ei);
    if (!current || rank > current.nameScore - (this.isWeakDoc(current.doc) ? WEAK_ALIAS_PENALTY : 0)) {
      best.set(ei, { doc, alignment, nameScore: alignment.score });
    }
  }

  private isWeakDoc(doc: number): boolean {
    if (doc < 0 || this.docAlias[doc] < 0) return false;
    return this.entries[this.docEntry[doc]].record.aliases[this.docAlias[doc]]?.strength === 'weak';
  }

  /** Scores every name of one entry (used when an identifier, not the name, brought the entry in). */
  private scoreEntryNames(
    ei: number,
    qTokens: string[],
    qWeights: number[],
    simMaps: Map<number, number>[],
    best: Map<number, { doc: number; alignment: TokenAlignment; nameScore: number }>,
  ): void {
    // Documents of one entry are contiguous; find them by scanning outward is not possible without an
    // offset table, so fall back to a linear look-up bounded by this entry's documents via binary search.
    let lo = 0;
    let hi = this.docEntry.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.docEntry[mid] < ei) lo = mid + 1;
      else hi = mid;
    }
    for (let doc = lo; doc < this.docEntry.length && this.docEntry[doc] === ei; doc++) {
      this.scoreDoc(doc, qTokens, qWeights, simMaps, best);
    }
    if (!best.has(ei)) {
      best.set(ei, {
        doc: -1,
        alignment: { score: 0, queryCoverage: 0, entryCoverage: 0, pairs: [], unmatchedQuery: [], unmatchedEntry: [] },
        nameScore: 0,
      });
    }
  }

  private describe(
    ei: number,
    score: number,
    adjustments: ScoreAdjustment[],
    hit: { doc: number; alignment: TokenAlignment; nameScore: number } | undefined,
    qTokens: string[],
  ): NameMatch {
    const entry = this.entries[ei];
    const doc = hit?.doc ?? -1;
    const aliasIndex = doc >= 0 ? this.docAlias[doc] : -1;
    const alias = aliasIndex >= 0 ? entry.record.aliases[aliasIndex] : undefined;
    const matchedName = alias ? alias.name : entry.record.name;
    const eTexts = doc >= 0 ? this.docTokens(doc).map((t) => this.tokenText[t]) : [];
    const alignment = hit?.alignment;
    const matchedTokens = (alignment?.pairs ?? []).map((p) => ({
      query: qTokens.slice(p.query, p.queryEnd + 1).join(' '),
      entry: eTexts.slice(p.entry, p.entryEnd + 1).join(' '),
      similarity: round(p.similarity),
    }));
    const unmatchedQueryTokens = (alignment?.unmatchedQuery ?? []).map((i) => qTokens[i]);
    const unmatchedEntryTokens = (alignment?.unmatchedEntry ?? []).map((i) => eTexts[i]);
    const summary: string[] = [
      `${entry.listKey} entry ${entry.record.externalId} "${entry.record.name}"${alias ? ` via ${alias.strength} alias "${alias.name}"` : ''}: score ${round(score)}`,
      `name similarity ${round(alignment?.queryCoverage ?? 0)}${matchedTokens.length > 0 ? ` (${matchedTokens.map((m) => (m.query === m.entry ? m.query : `${m.query}~${m.entry} ${m.similarity}`)).join(', ')})` : ''}`,
    ];
    if (unmatchedQueryTokens.length > 0) summary.push(`not found in the list name: ${unmatchedQueryTokens.join(' ')}`);
    for (const a of adjustments) summary.push(`${a.delta >= 0 ? '+' : ''}${round(a.delta)} ${a.reason}`);
    if (unmatchedEntryTokens.length > 0 && !adjustments.some((a) => a.reason.startsWith('list name has parts'))) {
      summary.push(`list name parts not in the query: ${unmatchedEntryTokens.join(' ')}`);
    } else if (unmatchedEntryTokens.length > 0) {
      summary.push(`(missing parts: ${unmatchedEntryTokens.join(' ')})`);
    }
    return {
      key: entry.key,
      listKey: entry.listKey,
      externalId: entry.record.externalId,
      entryName: entry.record.name,
      score: round(score),
      explanation: {
        matchedName,
        isAlias: alias !== undefined,
        matchedTokens,
        unmatchedQueryTokens,
        unmatchedEntryTokens,
        adjustments: [
          { reason: 'name similarity (query parts found)', delta: round(alignment?.queryCoverage ?? 0) },
          ...adjustments,
        ],
      },
      summary,
    };
  }
}

/** Sum of the query weights of the parts whose bits are set. */
function bitWeight(bits: number, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) if (bits & (1 << i)) sum += weights[i];
  return sum;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
