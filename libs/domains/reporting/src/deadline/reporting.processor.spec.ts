import { describe, expect, it, vi } from 'vitest';
import type { Job, Queue } from 'bullmq';
import type { TenantScanner } from '@domains/identity';
import { CtrScanService } from '../ctr/ctr-scan.service.js';
import type { ReportDeadlineService } from './report-deadline.service.js';
import { ReportingProcessor } from './reporting.processor.js';

describe('ReportingProcessor', () => {
  it("scans the week up to the previous business day for CTRs, so a missed run's days are scanned the next day", async () => {
    const scanRange = vi
      .fn<(tenantId: string, from: string, to: string, actor: unknown) => Promise<{ created: string[] }[]>>()
      .mockResolvedValue([{ created: ['r1'] }, { created: [] }, { created: ['r2', 'r3'] }]);
    // The real scanDaysUpTo over a recorded scanRange: the days scanned are what the test reads.
    const ctr = {
      previousBusinessDay: () => '2026-03-02',
      scanRange,
      scanDaysUpTo: CtrScanService.prototype.scanDaysUpTo,
    } as unknown as CtrScanService;
    const tenants = {
      sum: async (work: (tenantId: string) => Promise<number>) => (await work('t1')) + (await work('t2')),
    } as unknown as TenantScanner;
    const processor = new ReportingProcessor({} as ReportDeadlineService, ctr, tenants, {} as Queue);

    const created = await processor.process({ name: 'reporting.ctr.scan', data: {} } as unknown as Job<
      Record<string, never>,
      number,
      'reporting.ctr.scan'
    >);

    expect(created).toBe(6);
    expect(scanRange.mock.calls.map((call) => call.slice(0, 3))).toEqual([
      ['t1', '2026-02-24', '2026-03-02'],
      ['t2', '2026-02-24', '2026-03-02'],
    ]);
  });
});
