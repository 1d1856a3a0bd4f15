import { jaroWinkler } from './jaro-winkler.similarity.js';
import { tokenKeys, withinOneEdit, type TokenKeys } from './phonetic.keys.js';

/** Token pairs less similar than this are not aligned (Jaro-Winkler of unrelated name parts is mostly below). */
export const MIN_TOKEN_SIMILARITY = 0.8;
/** Similarity given to an initial ("j") against a name part starting with that letter. */
export const INITIAL_SIMILARITY = 0.85;

/** Similarity of two normalised tokens, from their precomputed keys (tokenKeys), in [0, 1]. */
export function tokenSimilarity(qk: TokenKeys, ek: TokenKeys): number {
  const q = qk.text;
  const e = ek.text;
  if (q === e) return 1;
  // An initial in the query ("J. Smith") may stand for a list's name part. The reverse is not evidence: a list's
  // single letter ("A A TRADING FZCO") says nothing about a query's whole word ("Acme"), and the index's candidate
  // bound counts only query initials, so pairing them would also make results depend on the threshold asked for.
  if (e.length === 1) return q.length === 1 && q === e ? 1 : 0;
  if (q.length === 1) return q[0] === e[0] ? INITIAL_SIMILARITY : 0;
  if (qk.digits || ek.digits) return 0;
  let sim = jaroWinkler(q, e);
  if (sim < 0.97 && q.length >= 3 && e.length >= 3) {
    for (const code of qk.phonetic) {
      if (ek.phonetic.includes(code)) {
        // Same sound, different spelling (Mohammed/Muhammad): a bounded lift, since unrelated names share codes too.
        sim = Math.max(sim, Math.min(0.9, sim + 0.1));
        break;
      }
    }
  }
  if (sim < 0.95 && (qk.simplified !== q || ek.simplified !== e)) {
    if (qk.simplified === ek.simplified) sim = 0.95;
    else if (q.length >= 3 && e.length >= 3) sim = Math.max(sim, jaroWinkler(qk.simplified, ek.simplified) * 0.97);
  }
  // Short parts one typo apart ("il"/"ihl", "su"/"us") score low on Jaro-Winkler; let them pair, weakly.
  if (sim < MIN_TOKEN_SIMILARITY && withinOneEdit(q, e)) sim = MIN_TOKEN_SIMILARITY;
  if (sim < 0.9 && (qk.vowelless || ek.vowelless) && qk.skeleton.length >= 2 && ek.skeleton.length >= 2) {
    sim = Math.max(sim, jaroWinkler(qk.skeleton, ek.skeleton) * 0.92);
  }
  return sim;
}

/** Similarity of two normalised tokens given as text (computes their keys; prefer tokenSimilarity in loops). */
export function nameTokenSimilarity(q: string, e: string): number {
  return tokenSimilarity(tokenKeys(q), tokenKeys(e));
}

/** One aligned pair of tokens (indexes into the query and entry token arrays; entryEnd > entry when joined). */
export interface TokenPair {
  query: number;
  queryEnd: number;
  entry: number;
  entryEnd: number;
  similarity: number;
}

/** The best alignment of query tokens to entry tokens in any order, and the resulting name score. */
export interface TokenAlignment {
  /** queryCoverage reduced mildly by the entry coverage: the name score. */
  score: number;
  /** Weighted share of the query's tokens found, times their similarity. */
  queryCoverage: number;
  /** Weighted share of the entry's tokens found, times their similarity. */
  entryCoverage: number;
  pairs: TokenPair[];
  unmatchedQuery: number[];
  unmatchedEntry: number[];
}

/** How much unmatched entry parts cost: mild, since lists carry full names and customers often give fewer parts. */
const MISSING_ENTRY_PART_PENALTY = 0.3;
const SINGLE_TOKEN_MISSING_PENALTY = 0.4;
/** The least an unmatched query part weighs. */
export const UNMATCHED_QUERY_WEIGHT = 0.8;
/** Query parts weighing less than this (titles, initials) are not raised to UNMATCHED_QUERY_WEIGHT. */
const MIN_COUNTED_WEIGHT = 0.35;

/** What a query part weighs when nothing matched it. */
export function unmatchedQueryWeight(weight: number): number {
  return weight < MIN_COUNTED_WEIGHT ? weight : Math.max(weight, UNMATCHED_QUERY_WEIGHT);
}

/** Marks (2) unmatched tokens equal to a matched token of the same side. */
function markRepeats(tokens: readonly string[], used: Uint8Array): void {
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    for (let j = 0; j < tokens.length; j++) {
      if (used[j] === 1 && tokens[j] === tokens[i]) {
        used[i] = 2;
        break;
      }
    }
  }
}

/**
 * Aligns tokens greedily by descending pair similarity (each token used once), then tries to pair leftover
 * tokens written joined on one side and split on the other ("abdulrahman" / "abdul rahman") and initials.
 * Score = weighted query coverage, reduced mildly by the weighted share of entry tokens left unmatched.
 */
export function alignTokens(
  queryTokens: readonly string[],
  entryTokens: readonly string[],
  similarity: (qi: number, ei: number) => number,
  queryWeights: readonly number[],
  entryWeights: readonly number[],
): TokenAlignment {
  const nq = queryTokens.length;
  const ne = entryTokens.length;
  if (nq === 0 || ne === 0) {
    return {
      score: 0,
      queryCoverage: 0,
      entryCoverage: 0,
      pairs: [],
      unmatchedQuery: [...queryTokens.keys()],
      unmatchedEntry: [...entryTokens.keys()],
    };
  }
  const candidates: { qi: number; ei: number; sim: number }[] = [];
  for (let qi = 0; qi < nq; qi++) {
    for (let ei = 0; ei < ne; ei++) {
      const sim = similarity(qi, ei);
      if (sim >= MIN_TOKEN_SIMILARITY) candidates.push({ qi, ei, sim });
    }
  }
  const qUsed = new Uint8Array(nq);
  const eUsed = new Uint8Array(ne);
  const pairs: TokenPair[] = [];
  // Name parts written joined on one side and split on the other ("abdulrahman" / "abdul rahman") first, when
  // the joined form fits clearly better than either part alone.
  joinLeftovers(queryTokens, entryTokens, qUsed, eUsed, pairs, false, 0.95, (i, j) => similarity(i, j));
  joinLeftovers(entryTokens, queryTokens, eUsed, qUsed, pairs, true, 0.95, (i, j) => similarity(j, i));
  candidates.sort((a, b) => b.sim - a.sim || a.qi - b.qi || Math.abs(a.qi - a.ei) - Math.abs(b.qi - b.ei));
  for (const c of candidates) {
    if (qUsed[c.qi] || eUsed[c.ei]) continue;
    qUsed[c.qi] = 1;
    eUsed[c.ei] = 1;
    pairs.push({ query: c.qi, queryEnd: c.qi, entry: c.ei, entryEnd: c.ei, similarity: c.sim });
  }
  joinLeftovers(queryTokens, entryTokens, qUsed, eUsed, pairs, false, 0.9, () => 0);
  joinLeftovers(entryTokens, queryTokens, eUsed, qUsed, pairs, true, 0.9, () => 0);
  pairInitials(queryTokens, entryTokens, qUsed, eUsed, pairs);

  // A part repeated on one side and already matched there adds nothing ("Vladimir Putin Vladimir Putin").
  markRepeats(queryTokens, qUsed);
  markRepeats(entryTokens, eUsed);
  let qTotal = 0;
  let eTotal = 0;
  // An unmatched query part counts against the match however common it is in the lists.
  for (let i = 0; i < nq; i++) {
    if (qUsed[i] === 2) continue;
    qTotal += qUsed[i] ? queryWeights[i] : unmatchedQueryWeight(queryWeights[i]);
  }
  for (let i = 0; i < ne; i++) if (eUsed[i] !== 2) eTotal += entryWeights[i];
  let qCovered = 0;
  let eCovered = 0;
  for (const p of pairs) {
    for (let i = p.query; i <= p.queryEnd; i++) qCovered += p.similarity * queryWeights[i];
    for (let i = p.entry; i <= p.entryEnd; i++) eCovered += p.similarity * entryWeights[i];
  }
  const queryCoverage = qTotal > 0 ? qCovered / qTotal : 0;
  const entryCoverage = eTotal > 0 ? eCovered / eTotal : 0;
  const penalty = pairs.length >= 2 ? MISSING_ENTRY_PART_PENALTY : SINGLE_TOKEN_MISSING_PENALTY;
  const score = queryCoverage * (1 - penalty * (1 - entryCoverage));
  const unmatchedQuery: number[] = [];
  const unmatchedEntry: number[] = [];
  for (let i = 0; i < nq; i++) if (!qUsed[i]) unmatchedQuery.push(i);
  for (let i = 0; i < ne; i++) if (!eUsed[i]) unmatchedEntry.push(i);
  pairs.sort((a, b) => a.query - b.query);
  return { score, queryCoverage, entryCoverage, pairs, unmatchedQuery, unmatchedEntry };
}

/** Pairs a leftover token of `one` side with two adjacent leftover tokens of the `other` side written joined. */
function joinLeftovers(
  one: readonly string[],
  other: readonly string[],
  oneUsed: Uint8Array,
  otherUsed: Uint8Array,
  pairs: TokenPair[],
  oneIsEntry: boolean,
  minSimilarity: number,
  partSimilarity: (one: number, other: number) => number,
): void {
  for (let i = 0; i < one.length; i++) {
    if (oneUsed[i] || one[i].length < 5) continue;
    for (let j = 0; j + 1 < other.length; j++) {
      if (otherUsed[j] || otherUsed[j + 1]) continue;
      const joined = other[j] + other[j + 1];
      if (Math.abs(joined.length - one[i].length) > 2) continue;
      const sim = jaroWinkler(one[i], joined);
      if (sim < minSimilarity) continue;
      if (sim <= Math.max(partSimilarity(i, j), partSimilarity(i, j + 1))) continue;
      oneUsed[i] = 1;
      otherUsed[j] = 1;
      otherUsed[j + 1] = 1;
      pairs.push(
        oneIsEntry
          ? { query: j, queryEnd: j + 1, entry: i, entryEnd: i, similarity: sim }
          : { query: i, queryEnd: i, entry: j, entryEnd: j + 1, similarity: sim },
      );
      break;
    }
  }
}

/** Pairs the query's leftover initials with name parts they begin ("J" against "John"); `one` is the query. */
function pairInitials(
  one: readonly string[],
  other: readonly string[],
  oneUsed: Uint8Array,
  otherUsed: Uint8Array,
  pairs: TokenPair[],
): void {
  for (let i = 0; i < one.length; i++) {
    if (oneUsed[i]) continue;
    for (let j = 0; j < other.length; j++) {
      if (otherUsed[j]) continue;
      if (one[i].length === 1 && one[i][0] === other[j][0]) {
        oneUsed[i] = 1;
        otherUsed[j] = 1;
        const similarity = other[j].length === 1 ? 1 : INITIAL_SIMILARITY;
        pairs.push({ query: i, queryEnd: i, entry: j, entryEnd: j, similarity });
        break;
      }
    }
  }
}
