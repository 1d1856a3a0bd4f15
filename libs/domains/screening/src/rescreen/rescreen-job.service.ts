import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger } from '@domains/audit';
import { HitRecordingService, type HitRecordingCounts } from '../hit/hit-recording.service.js';
import { buildIndex } from '../index/screening-index.service.js';
import { ScreeningListRepository } from '../list/screening-list.repository.js';
import { ScreeningSubjectRepository } from '../subject/screening-subject.repository.js';
import { matchSubject } from '../subject/subject-screening.service.js';

/** Counterparties screened (seen in a transaction) within this many days are re-screened when a list changes. */
export const RESCREEN_COUNTERPARTY_DAYS = 90;

const PAGE = 200;

export type RescreenOutcome = 'done' | 'skipped';

/**
 * Continuous re-screening: when a list version activates, every customer and related party, and every counterparty
 * seen in the last RESCREEN_COUNTERPARTY_DAYS days, is matched against the entries the version added or changed
 * (a small index of just those), page by page with progress on the version row; new hits follow the usual rules
 * (suppressed false positives stay suppressed). The summary is recorded as `screening.list.rescreened`.
 */
@Injectable()
export class RescreenJobService {
  private readonly logger = new Logger(RescreenJobService.name);

  constructor(
    private readonly lists: ScreeningListRepository,
    private readonly subjects: ScreeningSubjectRepository,
    private readonly recorder: HitRecordingService,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  async run(
    tenantId: string,
    versionId: string,
    counterpartyDays = RESCREEN_COUNTERPARTY_DAYS,
  ): Promise<RescreenOutcome> {
    const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => this.transactions.run(work, { tenantId });
    const version = await run((tx) => this.lists.findVersion(tx, tenantId, versionId));
    if (!version || version.status !== 'active' || version.rescreenStatus === 'done') return 'skipped';
    const entries = await run((tx) => this.lists.addedOrChangedEntries(tx, tenantId, versionId));
    const changed = buildIndex(entries);
    const since = new Date(Date.now() - counterpartyDays * 86_400_000);
    const total = await run((tx) => this.subjects.count(tx, tenantId, since));
    await run((tx) =>
      this.lists.updateVersion(tx, tenantId, versionId, { rescreenStatus: 'running', rescreenProgress: 0 }),
    );
    const totals: HitRecordingCounts & { subjects: number } = {
      subjects: 0,
      inserted: 0,
      refreshed: 0,
      confirmed: 0,
      suppressed: 0,
    };
    let afterId: string | null = null;
    for (;;) {
      const page = await run((tx) => this.subjects.page(tx, tenantId, afterId, since, PAGE));
      if (page.length === 0) break;
      await run(async (tx) => {
        for (const listed of page) {
          // Locked and read again: a concurrent screening of the subject may have changed its snapshot.
          const subject = await this.subjects.findByIdForUpdate(tx, tenantId, listed.id);
          if (!subject) continue;
          const counts = await this.recorder.record(tx, tenantId, subject, matchSubject(changed, subject.snapshot));
          totals.inserted += counts.inserted;
          totals.refreshed += counts.refreshed;
          totals.confirmed += counts.confirmed;
          totals.suppressed += counts.suppressed;
        }
        totals.subjects += page.length;
        await this.lists.updateVersion(tx, tenantId, versionId, {
          rescreenProgress: Math.min(99, Math.floor((100 * totals.subjects) / Math.max(total, 1))),
        });
      });
      afterId = page[page.length - 1]?.id ?? null;
    }
    await run(async (tx) => {
      await this.lists.updateVersion(tx, tenantId, versionId, { rescreenStatus: 'done', rescreenProgress: 100 });
      await this.ledger.record(tx, {
        tenantId,
        actor: { type: 'system', id: 'screening-rescreen' },
        action: 'screening.list.rescreened',
        subject: { type: 'screening_list', id: version.listId },
        payload: {
          versionId,
          entries: entries.length,
          subjects: totals.subjects,
          counterpartyDays,
          newHits: totals.inserted,
          refreshedHits: totals.refreshed,
          suppressed: totals.suppressed,
        },
      });
    });
    this.logger.log(
      `re-screened ${totals.subjects} subject(s) of tenant ${tenantId} against ${entries.length} changed entries: ${totals.inserted} new hit(s)`,
    );
    return 'done';
  }
}
