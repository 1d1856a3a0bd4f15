import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { ActiveListEntry } from '../list/screening-list.repository.js';
import type { DetailedHit } from '../check/name-check.service.js';
import type { ScreeningSubjectEntity } from '../subject/screening-subject.entity.js';
import { ScreeningHitRepository } from './screening-hit.repository.js';

/** A hit found by the matcher, with the entry it points at. */
export interface ResolvedHit {
  readonly hit: DetailedHit;
  readonly entry: ActiveListEntry;
}

export interface HitRecordingCounts {
  /** New open hits. */
  inserted: number;
  /** Open hits found again (score and explanation refreshed). */
  refreshed: number;
  /** Pairs an analyst confirmed already (nothing new). */
  confirmed: number;
  /** Pairs suppressed by a false positive whose subject and entry are unchanged. */
  suppressed: number;
}

/**
 * Turns matches into hits for one subject: a new open hit, unless the pair is already open (refreshed), already
 * confirmed, or suppressed by a false positive decided on the same subject snapshot and the same entry content. A
 * false positive whose subject or entry has changed since no longer suppresses: the pair opens again.
 */
@Injectable()
export class HitRecordingService {
  constructor(private readonly hits: ScreeningHitRepository) {}

  async record(
    tx: Tx,
    tenantId: string,
    subject: ScreeningSubjectEntity,
    found: readonly ResolvedHit[],
  ): Promise<HitRecordingCounts> {
    const counts: HitRecordingCounts = { inserted: 0, refreshed: 0, confirmed: 0, suppressed: 0 };
    if (found.length === 0) return counts;
    const existing = await this.hits.ofSubject(tx, tenantId, subject.id);
    for (const { hit, entry } of found) {
      const same = existing.filter((h) => h.listId === entry.listId && h.entryExternalId === entry.externalId);
      const open = same.find((h) => h.status === 'open');
      const fields = {
        score: hit.score,
        explanation: { summary: [...hit.explanation], details: hit.details },
        matchedName: hit.matchedName,
        entryName: hit.entryName,
        versionId: entry.versionId,
        entryHash: entry.contentHash,
        subjectHash: subject.snapshotHash,
      };
      if (open) {
        await this.hits.refreshOpen(tx, tenantId, open.id, fields);
        counts.refreshed += 1;
      } else if (same.some((h) => h.status === 'true_match')) {
        counts.confirmed += 1;
      } else if (
        same.some(
          (h) =>
            h.status === 'false_positive' &&
            h.subjectHash === subject.snapshotHash &&
            h.entryHash === entry.contentHash,
        )
      ) {
        counts.suppressed += 1;
      } else {
        const opened = await this.hits.insert(tx, {
          tenantId,
          subjectRef: subject.id,
          subjectKind: subject.kind,
          subjectId: subject.subjectId,
          customerId: subject.customerId,
          listId: entry.listId,
          listSource: entry.source,
          entryExternalId: entry.externalId,
          ...fields,
        });
        if (opened) counts.inserted += 1;
        else counts.refreshed += 1;
      }
    }
    return counts;
  }
}
