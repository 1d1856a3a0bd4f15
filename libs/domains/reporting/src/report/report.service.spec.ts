import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { projectRoot } from '@platform/config';
import type { TransactionRunner } from '@platform/database';
import type { AuditLedger } from '@domains/audit';
import type { KeyPrincipal } from '@domains/identity';
import type { ReportFormat } from '../document/report.document.js';
import type { ReportDocumentBuilder } from '../draft/report-document.builder.js';
import type { ReportEvidenceService } from '../evidence/report-evidence.service.js';
import type { ReportRenderer } from '../render/report.renderer.js';
import type { EvidencePackArchiver } from '@domains/audit';
import type { ReportRepository } from './report.repository.js';
import { ReportService } from './report.service.js';

const ACK = readFileSync(join(projectRoot(), 'reports/samples/fincen/sar_acknowledgement.xml'), 'utf8');
const PRINCIPAL: KeyPrincipal = { kind: 'key', tenantId: 't1', keyId: 'k1', keyName: 'gateway', roles: [] };

function serviceWith(formats: ReportFormat[]) {
  const report = { id: 'r1', tenantId: 't1', reference: 'RPT-2026-000001', status: 'submitted', formats };
  const reports = {
    findByIdForUpdate: vi.fn().mockResolvedValue(report),
    findById: vi.fn().mockResolvedValue(report),
    update: vi.fn().mockResolvedValue(undefined),
  };
  const transactions = { run: <T>(work: (tx: unknown) => Promise<T>) => work({}) } as unknown as TransactionRunner;
  const ledger = { record: vi.fn().mockResolvedValue(undefined) } as unknown as AuditLedger;
  const service = new ReportService(
    transactions,
    reports as unknown as ReportRepository,
    {} as ReportDocumentBuilder,
    {} as ReportRenderer,
    {} as ReportEvidenceService,
    {} as EvidencePackArchiver,
    ledger,
  );
  return { service, reports };
}

describe('ReportService.acknowledge', () => {
  it('takes the BSA ID of a report generated as FinCEN XML', async () => {
    const { service, reports } = serviceWith(['fincen-sar', 'pdf']);
    await service.acknowledge(PRINCIPAL, 'r1', ACK);
    expect(reports.update).toHaveBeenCalledWith(
      {},
      't1',
      'r1',
      expect.objectContaining({ status: 'acknowledged', filedReference: '31000055053784' }),
    );
  });

  it('refuses a FinCEN acknowledgement for a report filed only as goAML', async () => {
    const { service, reports } = serviceWith(['goaml', 'pdf']);
    await expect(service.acknowledge(PRINCIPAL, 'r1', ACK)).rejects.toMatchObject({
      code: 'reporting/acknowledgement_invalid',
    });
    expect(reports.update).not.toHaveBeenCalled();
  });
});
