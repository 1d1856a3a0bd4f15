import type { INestApplicationContext } from '@nestjs/common';
import { TenantContext } from '@platform/database';
import type { AuditActor } from '@domains/audit';
import { CtrScanService } from '../ctr/ctr-scan.service.js';
import { ReportDocumentBuilder } from '../draft/report-document.builder.js';
import { ReportInstitutionService } from '../institution/report-institution.service.js';
import { ReportService } from '../report/report.service.js';

const SEED_ACTOR: AuditActor = { type: 'system', id: 'demo-seed' };

/** The monitoring demo's synthetic history and the cases demo's transactions lie within this many days before today. */
const DEMO_HISTORY_DAYS = 31;

/**
 * The demo tenant's filing institution; the daily cash scan's CTR drafts for every business day of the demo history
 * (the cases demo's named customer has a day of cash over $10,000); and, from the demo case that needs a report, a SAR
 * draft for the officers to edit, validate and send for approval. The monitoring and cases demos must run first.
 */
export async function seedReportingDemo(app: INestApplicationContext, tenantId: string): Promise<void> {
  await TenantContext.run(tenantId, async () => {
    await app.get(ReportInstitutionService).putAs(tenantId, SEED_ACTOR, {
      name: 'Demo Payments Inc',
      goamlEntityId: '1001',
      tin: '123456789',
      tinType: 'EIN',
      federalRegulator: '9',
      institutionType: '2',
      transmitterControlCode: 'TCCDEMO01',
      address: { line1: '100 Main Street', city: 'New York', region: 'NY', postalCode: '10001', country: 'US' },
      contact: {
        name: 'Olivia Officer',
        phone: '2125550100',
        email: 'officer@demo.verity.local',
        title: 'BSA Officer',
      },
      localCurrency: 'USD',
      jurisdiction: 'US',
    });
    // Up to the previous business day, as the daily job would have scanned them: today is not over yet.
    const ctr = app.get(CtrScanService);
    await ctr.scanDaysUpTo(tenantId, ctr.previousBusinessDay(), DEMO_HISTORY_DAYS, SEED_ACTOR);
    const [needed] = await app.get(ReportDocumentBuilder).reportNeeded(tenantId, 1);
    if (needed) await app.get(ReportService).draftAs(tenantId, SEED_ACTOR, { caseId: needed.caseId, kind: 'SAR' });
  });
}
