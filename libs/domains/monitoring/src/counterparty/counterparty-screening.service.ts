import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { TenantScanner } from '@domains/identity';
import { SubjectScreener } from '@domains/screening';
import { RecentCounterpartyRepository } from './recent-counterparty.repository.js';

/** How far back the job looks for counterparties (twice its hourly schedule, so a late or missed run loses none). */
export const COUNTERPARTY_LOOKBACK_MS = 2 * 3_600_000;
/** A counterparty screened this recently is not screened again by the job. */
export const COUNTERPARTY_RESCREEN_AFTER_MS = 24 * 3_600_000;
/** Counterparties screened per transaction of the job. */
const PAGE = 200;
/** Most counterparties one run takes per tenant; the rest wait for the next run (the lookback overlaps). */
const MAX_PER_RUN = 20_000;

/**
 * Registers the counterparties of recent transactions with screening as subjects (kind `counterparty`), so that
 * a list change re-screens them and their hits reach the analysts' hit queue. The real-time decision already
 * checks each counterparty in memory; this job keeps the write (snapshot, hits, audit entry) off the hot path, and
 * screens each active counterparty at most once a day.
 */
@Injectable()
export class CounterpartyScreeningService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tenants: TenantScanner,
    private readonly recent: RecentCounterpartyRepository,
    private readonly screener: SubjectScreener,
  ) {}

  /** Screens, tenant by tenant, the counterparties seen since `now − lookback` and not screened in the last day. */
  async screenRecent(now = new Date(), lookbackMs = COUNTERPARTY_LOOKBACK_MS): Promise<number> {
    return this.tenants.sum((tenantId) => this.screenRecentOfTenant(tenantId, now, lookbackMs));
  }

  /** One tenant's part of `screenRecent` (call inside the tenant's context). */
  async screenRecentOfTenant(
    tenantId: string,
    now = new Date(),
    lookbackMs = COUNTERPARTY_LOOKBACK_MS,
  ): Promise<number> {
    const since = new Date(now.getTime() - lookbackMs);
    const fresh = new Date(now.getTime() - COUNTERPARTY_RESCREEN_AFTER_MS);
    const seen = await this.transactions.run((tx) => this.recent.seenSince(tx, tenantId, since, MAX_PER_RUN), {
      tenantId,
    });
    let screened = 0;
    for (let start = 0; start < seen.length; start += PAGE) {
      const page = seen.slice(start, start + PAGE);
      screened += await this.transactions.run(
        async (tx) => {
          const done = await this.screener.screenedSince(
            tx,
            tenantId,
            'counterparty',
            page.map((c) => c.counterpartyKey),
            fresh,
          );
          let count = 0;
          for (const c of page) {
            if (done.has(c.counterpartyKey)) continue;
            await this.screener.screenSubject(tx, tenantId, {
              kind: 'counterparty',
              subjectId: c.counterpartyKey,
              customerId: c.customerId,
              name: c.name,
              entityType: 'unknown',
              ...(c.country ? { country: c.country } : {}),
            });
            count++;
          }
          return count;
        },
        { tenantId },
      );
    }
    return screened;
  }
}
