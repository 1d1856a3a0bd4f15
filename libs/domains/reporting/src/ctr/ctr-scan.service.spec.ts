import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '@platform/config';
import type { TransactionRunner } from '@platform/database';
import type { CustomerService } from '@domains/customers';
import type { TransactionQueryService } from '@domains/monitoring';
import type { ReportInstitutionRepository } from '../institution/report-institution.repository.js';
import type { ReportRepository } from '../report/report.repository.js';
import type { ReportService } from '../report/report.service.js';
import { CtrScanService } from './ctr-scan.service.js';

const actor = { type: 'system', id: 'test' } as const;

function service() {
  const cashBooked = vi.fn<TransactionQueryService['cashBooked']>().mockResolvedValue([]);
  const scan = new CtrScanService(
    {} as TransactionRunner,
    { cashBooked } as unknown as TransactionQueryService,
    {} as CustomerService,
    {} as ReportInstitutionRepository,
    {} as ReportRepository,
    {} as ReportService,
    { values: { REPORTING_BUSINESS_TIMEZONE: 'America/New_York' } } as unknown as AppConfig,
  );
  return { scan, cashBooked };
}

describe('CtrScanService.scanRange', () => {
  it('scans every day from..to inclusive, oldest first, across a month end', async () => {
    const { scan, cashBooked } = service();

    const outcomes = await scan.scanRange('t1', '2026-02-27', '2026-03-02', actor);

    expect(outcomes.map((o) => o.businessDay)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(cashBooked).toHaveBeenCalledTimes(4);
  });

  it('refuses a day that is not one, a range that runs backwards and one over a year', async () => {
    const { scan, cashBooked } = service();

    for (const [from, to] of [
      ['2026-02-30', '2026-03-02'],
      ['2026-03-02', '2026-03-01'],
      ['2025-01-01', '2026-03-01'],
    ] as const) {
      await expect(scan.scanRange('t1', from, to, actor)).rejects.toMatchObject({ code: 'reporting/invalid_request' });
    }
    expect(cashBooked).not.toHaveBeenCalled();
  });
});
