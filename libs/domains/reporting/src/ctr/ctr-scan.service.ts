import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import type { AuditActor } from '@domains/audit';
import { CustomerService, type CustomerDetail } from '@domains/customers';
import { TransactionQueryService, type TransactionDetailDto } from '@domains/monitoring';
import { accountsOfCustomer, institutionOf, partyOfCustomer, transactionOf } from '../draft/report-document.mapper.js';
import { ReportInstitutionRepository } from '../institution/report-institution.repository.js';
import type { ReportDraftContent } from '../report/report.entity.js';
import { ReportRepository } from '../report/report.repository.js';
import { ReportService } from '../report/report.service.js';
import { ReportingError } from '../reporting.errors.js';
import { aggregateCtrPersonDays, businessDayOf, businessDayWindow, type CtrPersonDay } from './ctr.aggregator.js';

/** FinCEN: a CTR is filed within 15 calendar days after the day of the transaction. */
export const CTR_DUE_DAYS = 15;

/** scanRange() scans at most this many days in one call (a year and a day). */
export const CTR_SCAN_MAX_DAYS = 366;

export interface CtrScanOutcome {
  readonly businessDay: string;
  /** Person-days over the threshold. */
  readonly reportable: number;
  /** CTR drafts opened by this scan (the others existed already: one per person-day). */
  readonly created: readonly { reportId: string; reference: string; customerId: string }[];
}

/** The currency transaction report scan: cash over $10,000 per person and business day becomes one CTR draft. */
@Injectable()
export class CtrScanService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly monitoring: TransactionQueryService,
    private readonly customers: CustomerService,
    private readonly institutions: ReportInstitutionRepository,
    private readonly reports: ReportRepository,
    private readonly reportService: ReportService,
    private readonly config: AppConfig,
  ) {}

  /** The business day before `now` in the configured zone: what the daily job scans. */
  previousBusinessDay(now = new Date()): string {
    return businessDayOf(new Date(now.getTime() - 86_400_000), this.config.values.REPORTING_BUSINESS_TIMEZONE);
  }

  /**
   * Scans every business day from `from` to `to` (both `YYYY-MM-DD`, inclusive, at most CTR_SCAN_MAX_DAYS), oldest
   * first: a history (the demo's) or days the daily job missed. Idempotent like scan(): a person-day that has its CTR
   * already is skipped.
   */
  async scanRange(tenantId: string, from: string, to: string, actor: AuditActor): Promise<CtrScanOutcome[]> {
    const first = dayMidnight(from, 'from');
    const last = dayMidnight(to, 'to');
    const days = Math.round((last - first) / 86_400_000) + 1;
    if (days < 1 || days > CTR_SCAN_MAX_DAYS) {
      throw new ReportingError(
        'reporting/invalid_request',
        'invalid',
        `from..to must span 1 to ${CTR_SCAN_MAX_DAYS} days`,
        {
          errors: [{ field: 'to', message: `must be on or after from, at most ${CTR_SCAN_MAX_DAYS} days later` }],
        },
      );
    }
    const outcomes: CtrScanOutcome[] = [];
    for (let i = 0; i < days; i++) {
      outcomes.push(await this.scan(tenantId, new Date(first + i * 86_400_000).toISOString().slice(0, 10), actor));
    }
    return outcomes;
  }

  /** scanRange over the `days` days ending with `lastDay` (`YYYY-MM-DD`, included). */
  scanDaysUpTo(tenantId: string, lastDay: string, days: number, actor: AuditActor): Promise<CtrScanOutcome[]> {
    const first = new Date(dayMidnight(lastDay, 'date') - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    return this.scanRange(tenantId, first, lastDay, actor);
  }

  async scan(tenantId: string, businessDay: string, actor: AuditActor): Promise<CtrScanOutcome> {
    dayMidnight(businessDay, 'date');
    const timeZone = this.config.values.REPORTING_BUSINESS_TIMEZONE;
    const window = businessDayWindow(businessDay);
    const cash = await this.monitoring.cashBooked(tenantId, window.from, window.to);
    const byId = new Map(cash.map((t) => [t.transactionId, t]));
    const personDays = aggregateCtrPersonDays(
      cash.map((t) => ({
        id: t.transactionId,
        customerId: t.customerRecordId,
        direction: t.direction,
        amountUsd: Number(t.amountBase).toFixed(3),
        bookedAt: new Date(t.bookedAt),
      })),
      businessDay,
      timeZone,
    );
    const created: { reportId: string; reference: string; customerId: string }[] = [];
    for (const day of personDays) {
      const ctrKey = `${day.customerId}|${day.businessDay}`;
      const exists = await this.transactions.run((tx) => this.reports.findByCtrKey(tx, tenantId, ctrKey), {
        tenantId,
      });
      if (exists) continue;
      let detail: CustomerDetail | null = null;
      try {
        detail = await this.customers.get(tenantId, day.customerId);
      } catch (error) {
        if ((error as { kind?: unknown }).kind !== 'not_found') throw error;
      }
      const txs = day.transactionIds.map((id) => byId.get(id)).filter((t): t is TransactionDetailDto => !!t);
      try {
        const report = await this.transactions.run(
          async (tx) => {
            const institution = await this.institutions.find(tx, tenantId);
            const content = this.contentOf(day, detail, txs, institutionOf(institution).name);
            const due = new Date(Date.parse(`${businessDay}T23:59:59Z`) + CTR_DUE_DAYS * 86_400_000);
            return this.reportService.insertDraft(
              tx,
              actor,
              {
                tenantId,
                kind: 'CTR',
                formats: ['fincen-ctr', 'pdf'],
                caseId: null,
                amendsReportId: null,
                amendmentKind: null,
                ctrKey,
                document: content,
                narrative: '',
                dueAt: due,
                determinedAt: null,
              },
              'reporting.ctr.drafted',
              {
                businessDay,
                customerId: day.customerId,
                cashInCents: day.cashInCents.toString(),
                cashOutCents: day.cashOutCents.toString(),
                transactionIds: [...day.transactionIds],
              },
            );
          },
          { tenantId },
        );
        created.push({ reportId: report.id, reference: report.reference, customerId: day.customerId });
      } catch (error) {
        // A concurrent scan drafted the same person-day first (unique ctr_key): nothing more to do.
        if ((error as { code?: unknown }).code === '23505') continue;
        throw error;
      }
    }
    return { businessDay, reportable: personDays.length, created };
  }

  private contentOf(
    day: CtrPersonDay,
    detail: CustomerDetail | null,
    txs: readonly TransactionDetailDto[],
    institutionName: string,
  ): ReportDraftContent {
    const accounts = detail ? accountsOfCustomer(detail, institutionName) : [];
    const accountRefs = new Set(accounts.map((a) => a.ref));
    return {
      jurisdiction: 'US',
      localCurrency: 'USD',
      activity: {
        from: day.businessDay,
        to: day.businessDay,
        totalAmountMinor: (day.cashInCents + day.cashOutCents).toString(),
        currency: 'USD',
        typologies: [],
      },
      parties: detail
        ? [partyOfCustomer(detail, true)]
        : [
            {
              ref: day.customerId,
              kind: 'entity',
              name: day.customerId,
              addresses: [],
              identifiers: [],
              isSubject: true,
            },
          ],
      accounts,
      transactions: txs.map((t) => transactionOf(t, accountRefs, 'USD')),
      reason: `Cash in ${formatUsd(day.cashInCents)} and cash out ${formatUsd(day.cashOutCents)} on ${day.businessDay}`,
      action: '',
    };
  }
}

/** UTC midnight of `day` (`YYYY-MM-DD`), or 400 `reporting/invalid_request` naming `field`. */
function dayMidnight(day: string, field: string): number {
  // Date.parse rolls 2026-02-30 over to March 2 instead of refusing it: only a day that reads back the same is one.
  const midnight = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== day) {
    throw new ReportingError('reporting/invalid_request', 'invalid', `${field} must be a day YYYY-MM-DD`, {
      errors: [{ field, message: 'must be a day YYYY-MM-DD' }],
    });
  }
  return midnight;
}

function formatUsd(cents: bigint): string {
  const whole = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, '0');
  return `$${whole.toString()}.${rest}`;
}
