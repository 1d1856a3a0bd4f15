import type { INestApplicationContext } from '@nestjs/common';
import { TenantContext } from '@platform/database';
import type { AuditActor } from '@domains/audit';
import { ReportDocumentBuilder } from '../draft/report-document.builder.js';
import { ReportInstitutionService } from '../institution/report-institution.service.js';
import { ReportService } from '../report/report.service.js';

const SEED_ACTOR: AuditActor = { type: 'system', id: 'demo-seed' };

/**
 * The demo tenant's filing institution and, from the demo case that needs a report (seeded by the cases demo, which
 * must run first), a SAR draft for the officers to edit, validate and send for approval.
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
    const [needed] = await app.get(ReportDocumentBuilder).reportNeeded(tenantId, 1);
    if (needed) await app.get(ReportService).draftAs(tenantId, SEED_ACTOR, { caseId: needed.caseId, kind: 'SAR' });
  });
}
