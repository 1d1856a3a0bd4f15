import { Injectable, Logger } from '@nestjs/common';
import type { MatchExplanation, NameMatch } from '../matching/name-match.types.js';
import { DEFAULT_MATCH_THRESHOLD } from '../matching/name.index.js';
import { ScreeningIndexService, type TenantIndex } from '../index/screening-index.service.js';
import { ScreeningError } from '../screening.errors.js';
import {
  NameScreener,
  type ScreeningHitSummary,
  type ScreeningSubjectInput,
} from '../subject/subject-screener.port.js';

/** Longest name accepted; longer ones answer 413 `screening/name_too_long`. */
export const MAX_NAME_LENGTH = 10_000;

/** Hits returned when no limit is given. */
export const DEFAULT_CHECK_LIMIT = 10;

export interface NameCheckQuery {
  readonly name: string;
  readonly entityType?: ScreeningSubjectInput['entityType'];
  readonly dateOfBirth?: string;
  readonly country?: string;
}

/** A hit with the matcher's structured explanation as well as its summary lines. */
export interface DetailedHit extends ScreeningHitSummary {
  readonly details: MatchExplanation;
}

/** True when the name has at least one letter or digit once invisible and formatting characters are ignored. */
export function hasNameContent(name: string): boolean {
  return /[\p{L}\p{N}]/u.test(name);
}

/** Checks a name's length and content, throwing the domain's errors (413 too long, 422 empty). */
export function assertCheckableName(name: string): void {
  if (name.length > MAX_NAME_LENGTH) {
    throw new ScreeningError(
      'screening/name_too_long',
      'too_large',
      `The name has ${name.length} characters; at most ${MAX_NAME_LENGTH} are accepted`,
    );
  }
  if (!hasNameContent(name)) {
    throw new ScreeningError(
      'screening/name_empty',
      'unprocessable',
      'The name has no letter or digit (it is empty, blank, or only punctuation and invisible characters)',
    );
  }
}

/** The hit as callers see it, from the matcher's answer. */
export function hitOf(match: NameMatch, source: string): DetailedHit {
  return {
    listSource: source,
    entryExternalId: match.externalId,
    entryName: match.entryName,
    matchedName: match.explanation.matchedName,
    score: match.score,
    explanation: match.summary,
    details: match.explanation,
  };
}

/**
 * The real-time name check: no database write, answers from the tenant's warm index (ScreeningIndexService), best
 * first. An empty name (after ignoring invisible characters) is refused with 422 rather than answered with no hits,
 * so a caller that sent the wrong field learns it; a name over 10,000 characters is refused with 413.
 */
@Injectable()
export class NameCheckService extends NameScreener {
  private readonly logger = new Logger(NameCheckService.name);

  constructor(private readonly indexes: ScreeningIndexService) {
    super();
  }

  async check(
    tenantId: string,
    query: NameCheckQuery,
    options: { limit?: number; minScore?: number } = {},
  ): Promise<readonly DetailedHit[]> {
    assertCheckableName(query.name);
    const tenantIndex = await this.indexes.indexOf(tenantId);
    const hits = searchIndex(tenantIndex, query, options);
    this.logger.debug(`screening check for tenant ${tenantId}: ${hits.length} hit(s)`);
    return hits;
  }
}

/** Searches a tenant index for one query: each hit with its index key (list id and external id). */
export function searchIndexWithKeys(
  tenantIndex: Pick<TenantIndex, 'index' | 'entries'>,
  query: NameCheckQuery & { nationalities?: readonly string[]; identifiers?: ScreeningSubjectInput['identifiers'] },
  options: { limit?: number; minScore?: number } = {},
): { key: string; hit: DetailedHit }[] {
  const matches = tenantIndex.index.search(
    {
      name: query.name,
      entityType: query.entityType,
      dateOfBirth: query.dateOfBirth,
      nationality: query.nationalities?.[0],
      country: query.country,
      identifiers: query.identifiers?.map((i) => ({ type: i.type, value: i.value })),
    },
    { limit: options.limit ?? DEFAULT_CHECK_LIMIT, minScore: options.minScore ?? DEFAULT_MATCH_THRESHOLD },
  );
  return matches.map((m) => ({ key: m.key, hit: hitOf(m, tenantIndex.entries.get(m.key)?.source ?? m.listKey) }));
}

/** Searches a tenant index for one query, best first. */
export function searchIndex(
  tenantIndex: Pick<TenantIndex, 'index' | 'entries'>,
  query: NameCheckQuery & { nationalities?: readonly string[]; identifiers?: ScreeningSubjectInput['identifiers'] },
  options: { limit?: number; minScore?: number } = {},
): DetailedHit[] {
  return searchIndexWithKeys(tenantIndex, query, options).map((k) => k.hit);
}
