import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import {
  AuditCheckpointService,
  AuditLedger,
  AuditLogRepository,
  AuditModule,
  AuditSequencer,
  decodeBase64,
  generateNoteKeyPair,
  loadNoteSigners,
  NOTE_SIGNER_PROVIDER,
  parseCheckpoint,
  verifyInclusion,
} from '@domains/audit';
import { reportDocumentFixture } from '../render/report-document.fixture.js';
import { ReportRenderer, type RenderedReport } from '../render/report.renderer.js';
import { REPORT_PACK_BINDING_ACTION } from './report-pack.manifest.js';
import { verifyReportPack } from './report-pack.verifier.js';
import { ReportEvidenceService } from './report-evidence.service.js';

const signing = generateNoteKeyPair('verity.local');
const officer = { type: 'user', id: 'officer-1' } as const;
const scratch = await mkdtemp(join(tmpdir(), 'verity-report-pack-'));
const b64 = (text: string): Uint8Array => decodeBase64(text) ?? new Uint8Array();

describe('ReportEvidenceService (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let service: ReportEvidenceService;
  let tenantId: string;
  let logId: string;
  let report: RenderedReport;
  const subjects = [
    { type: 'report', id: 'rpt-1' },
    { type: 'case', id: 'case-7' },
    { type: 'customer', id: 'cus-ivan' },
    { type: 'transaction', id: 'txn-never-recorded' },
  ];

  const record = (action: string, subject: { type: string; id: string }, payload: Record<string, string>) =>
    transactions.run((tx) =>
      moduleRef.get(AuditLedger).record(tx, { tenantId, actor: officer, action, subject, payload }),
    );
  const integrateAndSign = async (): Promise<void> => {
    while ((await moduleRef.get(AuditSequencer).integrateBatch(logId)).status !== 'idle');
    await moduleRef.get(AuditCheckpointService).publishIfDue(logId, { force: true });
  };

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig({ ...AS_TABLE_OWNER })), DatabaseModule, AuditModule],
      providers: [
        {
          provide: NOTE_SIGNER_PROVIDER,
          useValue: loadNoteSigners({
            signingKeys: signing.signerKey,
            signingKeyFile: undefined,
            production: false,
            keyName: 'verity.local',
            developmentKeyFile: '/nonexistent',
            log: () => undefined,
          }),
        },
        AuditCheckpointService,
        ReportEvidenceService,
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    service = moduleRef.get(ReportEvidenceService);
    const slug = `rpt-${randomBytes(5).toString('hex')}`;
    const [row] = await transactions.reader.query<{ id: string }[]>(
      'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
      [slug],
    );
    tenantId = row.id;

    report = await new ReportRenderer().render(reportDocumentFixture(), 'goaml');
    await record('cases.case.opened', { type: 'case', id: 'case-7' }, { note: 'opened' });
    await record('customers.profile.updated', { type: 'customer', id: 'cus-ivan' }, { note: 'address' });
    await record('customers.profile.updated', { type: 'customer', id: 'someone-else' }, { note: 'unrelated' });
    await record(
      REPORT_PACK_BINDING_ACTION,
      { type: 'report', id: 'rpt-1' },
      { sha256: report.sha256, fileName: report.fileName },
    );
    logId = (await moduleRef.get(AuditLogRepository).findByTenant(tenantId))?.id ?? '';
    await integrateAndSign();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('collects the subjects’ entries with inclusion proofs that lead to the checkpoint root', async () => {
    const evidence = await service.collect(tenantId, subjects);

    expect(evidence.records.map((r) => r.action)).toEqual([
      'cases.case.opened',
      'customers.profile.updated',
      REPORT_PACK_BINDING_ACTION,
    ]);
    expect(evidence.records.map((r) => r.subject.id)).not.toContain('someone-else');
    const checkpoint = parseCheckpoint(evidence.checkpoint.split('\n\n')[0] + '\n');
    expect(checkpoint.size).toBe(evidence.treeSize);
    for (const r of evidence.records) {
      expect(() =>
        verifyInclusion(b64(r.leafHash), r.index, evidence.treeSize, r.inclusionProof.map(b64), checkpoint.rootHash),
      ).not.toThrow();
    }
  });

  it('writes a report pack that verifies, and rejects a pack with one byte of the report or of the audit pack changed', async () => {
    const dir = join(scratch, 'pack');
    const manifest = await service.writePack(dir, { tenantId, report: [report], subjects });

    expect(manifest.reports).toEqual([{ file: report.fileName, mediaType: 'application/xml', sha256: report.sha256 }]);
    // The transaction with no entries is skipped; the others each get an audit pack.
    expect(manifest.audit.map((a) => a.subject.type)).toEqual(['report', 'case', 'customer']);
    expect(await verifyReportPack(dir)).toEqual({ ok: true, failures: [] });

    const reportTampered = join(scratch, 'tampered-report');
    await cp(dir, reportTampered, { recursive: true });
    const reportFile = join(reportTampered, 'report', report.fileName);
    const bytes = await readFile(reportFile);
    bytes[100] ^= 0x01;
    await writeFile(reportFile, bytes);
    const first = await verifyReportPack(reportTampered);
    expect(first.ok).toBe(false);
    expect(first.failures.join('\n')).toContain(`report/${report.fileName}: SHA-256`);

    const auditTampered = join(scratch, 'tampered-audit');
    await cp(dir, auditTampered, { recursive: true });
    const entries = join(auditTampered, 'audit', manifest.audit[1].dir, 'entries.jsonl');
    const entryBytes = await readFile(entries);
    entryBytes[entryBytes.indexOf('opened')] ^= 0x01;
    await writeFile(entries, entryBytes);
    const second = await verifyReportPack(auditTampered);
    expect(second.ok).toBe(false);
    expect(second.failures.join('\n')).toContain(`audit/${manifest.audit[1].dir}`);
  });

  it('refuses to write a pack whose report hash is not in the audit log', async () => {
    const other = await new ReportRenderer().render(reportDocumentFixture({ reference: 'RPT-NOT-RECORDED' }), 'goaml');
    await expect(
      service.writePack(join(scratch, 'unbound'), { tenantId, report: [other], subjects }),
    ).rejects.toMatchObject({ code: 'reporting/evidence_unavailable' });
  });
});
