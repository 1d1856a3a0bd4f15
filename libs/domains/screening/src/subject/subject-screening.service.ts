import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { AuditLedger } from '@domains/audit';
import { hasNameContent, MAX_NAME_LENGTH, searchIndexWithKeys } from '../check/name-check.service.js';
import { HitRecordingService, type ResolvedHit } from '../hit/hit-recording.service.js';
import type { ScreeningHitEntity } from '../hit/screening-hit.entity.js';
import { ScreeningHitRepository } from '../hit/screening-hit.repository.js';
import { ScreeningIndexService, type TenantIndex } from '../index/screening-index.service.js';
import { hashCanonical } from '../list/list-entry.hasher.js';
import { ScreeningSubjectRepository } from './screening-subject.repository.js';
import type { ScreeningSubjectEntity } from './screening-subject.entity.js';
import {
  SubjectScreener,
  type ScreeningHitSummary,
  type ScreeningSubjectInput,
  type SubjectScreeningOutcome,
} from './subject-screener.port.js';

/** Most hits kept per name searched (the subject's name and each alias). */
const HITS_PER_NAME = 20;

/** The name and aliases of a subject that can be matched (blank and over-long ones are skipped, never a crash). */
function namesOf(subject: ScreeningSubjectInput): string[] {
  return [subject.name, ...(subject.aliases ?? [])].filter((n) => n.length <= MAX_NAME_LENGTH && hasNameContent(n));
}

/** Matches a subject's names (name and aliases) against an index: the best hit per entry, best first. */
export function matchSubject(
  tenantIndex: Pick<TenantIndex, 'index' | 'entries'>,
  subject: ScreeningSubjectInput,
): ResolvedHit[] {
  const best = new Map<string, ResolvedHit>();
  for (const name of namesOf(subject)) {
    const found = searchIndexWithKeys(
      tenantIndex,
      {
        name,
        entityType: subject.entityType,
        dateOfBirth: subject.dateOfBirth,
        country: subject.country,
        nationalities: subject.nationalities,
        identifiers: subject.identifiers,
      },
      { limit: HITS_PER_NAME },
    );
    for (const { key, hit } of found) {
      const entry = tenantIndex.entries.get(key);
      if (!entry) continue;
      const previous = best.get(key);
      if (!previous || previous.hit.score < hit.score) best.set(key, { hit, entry });
    }
  }
  return [...best.values()].sort((a, b) => b.hit.score - a.hit.score);
}

/** The snapshot as stored and hashed: only the fields of the port, undefined ones dropped. */
function snapshotOf(subject: ScreeningSubjectInput): ScreeningSubjectInput {
  return JSON.parse(
    JSON.stringify({
      kind: subject.kind,
      subjectId: subject.subjectId,
      customerId: subject.customerId,
      name: subject.name,
      aliases: subject.aliases,
      entityType: subject.entityType,
      dateOfBirth: subject.dateOfBirth,
      nationalities: subject.nationalities,
      country: subject.country,
      identifiers: subject.identifiers,
    }),
  ) as ScreeningSubjectInput;
}

export function summaryOf(hit: ScreeningHitEntity): ScreeningHitSummary {
  return {
    listSource: hit.listSource,
    entryExternalId: hit.entryExternalId,
    entryName: hit.entryName,
    matchedName: hit.matchedName,
    score: hit.score,
    explanation: hit.explanation.summary,
  };
}

/** The outcome of a subject from its stored hits: open and confirmed ones. */
export function outcomeOfHits(hits: readonly ScreeningHitEntity[]): SubjectScreeningOutcome {
  const live = hits.filter((h) => h.status !== 'false_positive').sort((a, b) => b.score - a.score);
  const status = live.some((h) => h.status === 'true_match')
    ? 'confirmed_match'
    : live.length > 0
      ? 'potential_match'
      : 'clear';
  return { status, bestScore: live[0]?.score ?? 0, hits: live.map(summaryOf) };
}

/**
 * Screening of customers, related parties and counterparties for other domains (SubjectScreener), in the caller's
 * transaction: stores the snapshot, matches it against the warm index, records new hits (skipping suppressed false
 * positives), and records `screening.subject.screened` in the audit ledger.
 */
@Injectable()
export class SubjectScreeningService extends SubjectScreener {
  constructor(
    private readonly subjects: ScreeningSubjectRepository,
    private readonly hits: ScreeningHitRepository,
    private readonly recorder: HitRecordingService,
    private readonly indexes: ScreeningIndexService,
    private readonly ledger: AuditLedger,
  ) {
    super();
  }

  async screenedSince(
    tx: Tx,
    tenantId: string,
    kind: ScreeningSubjectInput['kind'],
    subjectIds: readonly string[],
    since: Date,
  ): Promise<Set<string>> {
    return new Set(await this.subjects.screenedSince(tx, tenantId, kind, subjectIds, since));
  }

  async screenSubject(tx: Tx, tenantId: string, subject: ScreeningSubjectInput): Promise<SubjectScreeningOutcome> {
    const snapshot = snapshotOf(subject);
    const stored = await this.subjects.upsert(tx, tenantId, snapshot, hashCanonical(snapshot));
    const found = matchSubject(await this.indexes.indexOf(tenantId), snapshot);
    const counts = await this.recorder.record(tx, tenantId, stored, found);
    const outcome = outcomeOfHits(await this.hits.ofSubject(tx, tenantId, stored.id));
    await this.ledger.record(tx, {
      tenantId,
      actor: { type: 'system', id: 'screening' },
      action: 'screening.subject.screened',
      subject: { type: subject.kind, id: subject.subjectId },
      payload: {
        screeningSubjectId: stored.id,
        snapshotHash: stored.snapshotHash,
        matches: found.length,
        newHits: counts.inserted,
        refreshedHits: counts.refreshed,
        suppressed: counts.suppressed,
        status: outcome.status,
        bestScore: outcome.bestScore,
      },
    });
    return outcome;
  }

  async outcomeOf(
    tx: Tx,
    tenantId: string,
    kind: ScreeningSubjectInput['kind'],
    subjectId: string,
  ): Promise<SubjectScreeningOutcome> {
    const stored: ScreeningSubjectEntity | null = await this.subjects.find(tx, tenantId, kind, subjectId);
    if (!stored) return { status: 'clear', bestScore: 0, hits: [] };
    return outcomeOfHits(await this.hits.ofSubject(tx, tenantId, stored.id));
  }
}
