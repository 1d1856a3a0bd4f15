import type { ListEntityType, ListEntryRecord } from '../lists/list-entry.js';

/** One record in the index, with the caller's key (e.g. a database id) and the list it belongs to. */
export interface IndexedEntry {
  key: string;
  listKey: string;
  record: ListEntryRecord;
}

/** What to screen: a name and optional corroborating facts. */
export interface MatchQuery {
  name: string;
  entityType?: ListEntityType;
  /** 'YYYY' or 'YYYY-MM-DD'. */
  dateOfBirth?: string;
  /** ISO 3166 alpha-2 (or a country name, resolved where possible). */
  nationality?: string;
  country?: string;
  identifiers?: { type: string; value: string }[];
}

/** Why a hit scored what it scored. */
export interface MatchExplanation {
  /** The entry name or alias that matched best. */
  matchedName: string;
  isAlias: boolean;
  matchedTokens: { query: string; entry: string; similarity: number }[];
  unmatchedQueryTokens: string[];
  unmatchedEntryTokens: string[];
  /** What raised (positive) or lowered (negative) the name score, in order of application. */
  adjustments: { reason: string; delta: number }[];
}

/** One hit: which entry, how strong (0..1), and why. */
export interface NameMatch {
  key: string;
  listKey: string;
  externalId: string;
  entryName: string;
  score: number;
  explanation: MatchExplanation;
  /** Human-readable lines explaining the score. */
  summary: string[];
}

export interface NameSearchOptions {
  /** At most this many hits, best first (default 20). */
  limit?: number;
  /** Only hits scoring at least this (default DEFAULT_MATCH_THRESHOLD). */
  minScore?: number;
}
