import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { ScreeningError, screeningNotFound } from '../screening.errors.js';
import { ScreeningSubjectRepository } from '../subject/screening-subject.repository.js';
import type { ScreeningSubjectEntity } from '../subject/screening-subject.entity.js';
import type { HitStatus, ScreeningHitEntity } from './screening-hit.entity.js';
import { ScreeningHitRepository, type HitListFilter } from './screening-hit.repository.js';

/** Below every generated id: `since` without an `afterId` starts at the first row of its instant. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A hit with what an analyst compares side by side: the subject's snapshot and the list entry as published. */
export interface HitDetail {
  readonly hit: ScreeningHitEntity;
  readonly subject: ScreeningSubjectEntity | null;
  readonly entry: unknown;
}

/** A hit with the name of its subject as screened (the cases domain's intake reads these). */
export interface HitFeedItem {
  readonly hit: ScreeningHitEntity;
  readonly subjectName: string | null;
}

/**
 * The hits queue and its decisions. A decision is final and recorded in the audit ledger with its reason; a false
 * positive suppresses the subject-entry pair until the subject's snapshot or the entry's content changes.
 */
@Injectable()
export class HitAdjudicationService {
  constructor(
    private readonly hits: ScreeningHitRepository,
    private readonly subjects: ScreeningSubjectRepository,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  list(tenantId: string, filter: HitListFilter): Promise<ScreeningHitEntity[]> {
    return this.transactions.run((tx) => this.hits.list(tx, tenantId, filter), { tenantId });
  }

  get(tenantId: string, id: string): Promise<HitDetail> {
    return this.transactions.run(
      async (tx) => {
        const hit = UUID.test(id) ? await this.hits.findById(tx, tenantId, id) : null;
        if (!hit) throw screeningNotFound('screening hit');
        return {
          hit,
          subject: await this.subjects.findById(tx, tenantId, hit.subjectRef),
          entry: await this.hits.entryRecord(tx, tenantId, hit.versionId, hit.entryExternalId),
        };
      },
      { tenantId },
    );
  }

  async adjudicate(
    tenantId: string,
    actor: AuditActor,
    id: string,
    decision: Exclude<HitStatus, 'open'>,
    reason: string,
  ): Promise<HitDetail> {
    await this.transactions.run((tx) => this.adjudicateInTx(tx, tenantId, actor, id, decision, reason), { tenantId });
    return this.get(tenantId, id);
  }

  /**
   * The decision in the caller's transaction (the cases domain writes an alert's disposition back with it, in the
   * disposition's transaction); same rules and audit entry as `adjudicate`.
   */
  async adjudicateInTx(
    tx: Tx,
    tenantId: string,
    actor: AuditActor,
    id: string,
    decision: Exclude<HitStatus, 'open'>,
    reason: string,
  ): Promise<void> {
    const hit = UUID.test(id) ? await this.hits.findByIdForUpdate(tx, tenantId, id) : null;
    if (!hit) throw screeningNotFound('screening hit');
    if (hit.status !== 'open') {
      throw new ScreeningError(
        'screening/hit_already_adjudicated',
        'conflict',
        `The hit is already adjudicated (${hit.status})`,
        { status: hit.status },
      );
    }
    await this.hits.adjudicate(tx, tenantId, id, { status: decision, reason, by: `${actor.type}:${actor.id}` });
    await this.ledger.record(tx, {
      tenantId,
      actor,
      action: 'screening.hit.adjudicated',
      subject: { type: hit.subjectKind, id: hit.subjectId },
      payload: {
        hitId: hit.id,
        decision,
        reason,
        listSource: hit.listSource,
        entryExternalId: hit.entryExternalId,
        entryHash: hit.entryHash,
        subjectHash: hit.subjectHash,
        score: hit.score,
      },
    });
  }

  /**
   * Hits created at or after `since` with their subjects' names, in (createdAt to the millisecond, id) order; with
   * `afterId`, those at exactly `since` come only after that id (a reader pages on with its last item's).
   */
  async since(
    tx: Tx,
    tenantId: string,
    since: Date,
    limit: number,
    afterId: string = NIL_UUID,
  ): Promise<HitFeedItem[]> {
    return this.withNames(tx, tenantId, await this.hits.createdSince(tx, tenantId, since, afterId, limit));
  }

  /**
   * Hits adjudicated at or after `since`, in (adjudicatedAt to the millisecond, id) order; with `afterId`, those at
   * exactly `since` come only after that id. The cases domain's intake closes the queue alerts of these.
   */
  adjudicatedSince(
    tx: Tx,
    tenantId: string,
    since: Date,
    limit: number,
    afterId: string = NIL_UUID,
  ): Promise<ScreeningHitEntity[]> {
    return this.hits.adjudicatedSince(tx, tenantId, since, afterId, limit);
  }

  private async withNames(tx: Tx, tenantId: string, hits: ScreeningHitEntity[]): Promise<HitFeedItem[]> {
    const names = await this.hits.subjectNames(tx, tenantId, [...new Set(hits.map((h) => h.subjectRef))]);
    return hits.map((hit) => ({ hit, subjectName: names.get(hit.subjectRef) ?? null }));
  }
}
