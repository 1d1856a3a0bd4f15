import type { ListEntityType, ListEntryRecord } from '../lists/list-entry.js';
import { resolveCountryCode } from '../lists/country-code.resolver.js';
import type { MatchQuery } from './name-match.types.js';

/** One reason the score moved, with its signed size. */
export interface ScoreAdjustment {
  reason: string;
  delta: number;
}

/** The facts of an entry, prepared once at index time for fast comparison. */
export interface EntryFacts {
  entityType: ListEntityType;
  dates: { year: number; full?: string }[];
  nationalities: Set<string>;
  countries: Set<string>;
  identifiers: Set<string>;
}

/** The most any corroborating evidence can add (used to prune candidates safely before they are scored). */
export const MAX_EVIDENCE_BONUS = 0.1;
/** What an equal identifier (passport, registration number, ...) lifts the score to. */
export const IDENTIFIER_MATCH_SCORE = 0.98;

export function normalizeIdentifier(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function parseDate(value: string | undefined): { year: number; full?: string } | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?/.exec(value.trim());
  if (!m) return undefined;
  return { year: Number(m[1]), full: m[2] ? `${m[1]}-${m[2]}-${m[3]}` : undefined };
}

function codes(values: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    const code = resolveCountryCode(v);
    if (code) out.add(code);
  }
  return out;
}

export function entryFacts(record: ListEntryRecord): EntryFacts {
  const dates: { year: number; full?: string }[] = [];
  for (const d of record.datesOfBirth) {
    const parsed = parseDate(d);
    if (parsed) dates.push(parsed);
  }
  const identifiers = new Set<string>();
  for (const id of record.identifiers) {
    const v = normalizeIdentifier(id.value);
    if (v.length >= 4) identifiers.add(v);
  }
  return {
    entityType: record.entityType,
    dates,
    nationalities: codes(record.nationalities),
    countries: codes(record.countries),
    identifiers,
  };
}

function isPerson(type: ListEntityType | undefined): boolean | undefined {
  if (type === undefined || type === 'unknown') return undefined;
  return type === 'individual';
}

/**
 * What the query's date of birth, nationality, country, identifiers and entity type say about one entry:
 * agreement raises the score, conflict lowers it, absence on either side says nothing.
 */
export function weighEvidence(
  query: MatchQuery,
  facts: EntryFacts,
  queryLegalForms: readonly string[],
): ScoreAdjustment[] {
  const out: ScoreAdjustment[] = [];
  // A legal form of three letters or more (llc, gmbh, ltd, jsc) marks an organisation; two-letter ones are too
  // often name parts (the Tuareg "ag", the Chinese "Sa").
  const byLegalForm = queryLegalForms.some((f) => f.length >= 3);
  const qPerson = isPerson(query.entityType) ?? (byLegalForm ? false : undefined);
  const ePerson = isPerson(facts.entityType);
  if (qPerson !== undefined && ePerson !== undefined && qPerson !== ePerson) {
    out.push({
      reason: `entity type differs (${query.entityType ?? 'organisation by legal form'} vs ${facts.entityType})`,
      delta: -0.25,
    });
  } else if (query.entityType && query.entityType !== 'unknown' && query.entityType === facts.entityType) {
    out.push({ reason: `entity type agrees (${facts.entityType})`, delta: 0.01 });
  }

  const qDate = parseDate(query.dateOfBirth);
  if (qDate && facts.dates.length > 0) {
    if (qDate.full && facts.dates.some((d) => d.full === qDate.full)) {
      out.push({ reason: `date of birth ${qDate.full} equal`, delta: 0.06 });
    } else if (facts.dates.some((d) => d.year === qDate.year)) {
      out.push({ reason: `year of birth ${qDate.year} equal`, delta: 0.04 });
    } else if (facts.dates.some((d) => Math.abs(d.year - qDate.year) <= 1)) {
      out.push({ reason: `year of birth ${qDate.year} within a year`, delta: 0 });
    } else {
      out.push({
        reason: `date of birth conflicts (${qDate.full ?? qDate.year} vs ${facts.dates.map((d) => d.full ?? d.year).join(', ')})`,
        delta: -0.15,
      });
    }
  }

  const nationality = resolveCountryCode(query.nationality);
  if (nationality) {
    if (facts.nationalities.has(nationality)) out.push({ reason: `nationality ${nationality} agrees`, delta: 0.03 });
    else if (facts.countries.has(nationality))
      out.push({ reason: `nationality ${nationality} is a listed country`, delta: 0.02 });
    else if (facts.nationalities.size > 0) {
      out.push({ reason: `nationality ${nationality} not among ${[...facts.nationalities].join(', ')}`, delta: -0.05 });
    }
  }
  const country = resolveCountryCode(query.country);
  if (country) {
    if (facts.countries.has(country) || facts.nationalities.has(country)) {
      out.push({ reason: `country ${country} agrees`, delta: 0.02 });
    } else if (facts.countries.size > 0 || facts.nationalities.size > 0) {
      out.push({ reason: `country ${country} not among the entry's countries`, delta: -0.03 });
    }
  }
  return out;
}

/** The query identifier that equals one of the entry's, if any. */
export function matchingIdentifier(query: MatchQuery, facts: EntryFacts): string | undefined {
  for (const id of query.identifiers ?? []) {
    const v = normalizeIdentifier(id.value);
    if (v.length >= 4 && facts.identifiers.has(v)) return `${id.type} ${id.value}`;
  }
  return undefined;
}
