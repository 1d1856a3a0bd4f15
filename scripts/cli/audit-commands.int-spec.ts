import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import {
  AUDIT_EXPORT_ACTION,
  AuditCheckpointService,
  AuditErasureService,
  AuditLedger,
  AuditLogRepository,
  AuditModule,
  AuditReader,
  AuditSequencer,
  EvidencePackVerifier,
  generateNoteKeyPair,
  loadNoteSigners,
  NOTE_SIGNER_PROVIDER,
  type AuditExportResult,
  type AuditFsckReport,
  type EvidencePackManifest,
} from '@domains/audit';
import { openAuditCliContext } from './audit-cli.context.js';
import { AuditExportCommand } from './audit-export.command.js';
import { AuditFsckCommand } from './audit-fsck.command.js';
import { CliUsageError } from './cli.command.js';
import { VerifyPackCommand, type CommandOutput } from './verify-pack.command.js';

const signing = generateNoteKeyPair('verity.local');
const officer = { type: 'user', id: 'officer-1' } as const;
const exporter = { type: 'system', id: 'verity-cli:test' } as const;
const scratch = await mkdtemp(join(tmpdir(), 'verity-audit-cli-'));

function recorder(): CommandOutput & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (line) => out.push(line), error: (line) => err.push(line) };
}

describe('verity audit fsck / export → verify-pack (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let tenant: { id: string; slug: string };
  let logId: string;
  const open = () => openAuditCliContext(testConfig());
  const fsckCommand = (output: CommandOutput) => new AuditFsckCommand(output, open);
  const exportCommand = (output: CommandOutput) => new AuditExportCommand(output, open, () => exporter);

  const record = (subjectId: string, n: number): Promise<unknown> =>
    transactions.run((tx) =>
      moduleRef.get(AuditLedger).record(tx, {
        tenantId: tenant.id,
        actor: officer,
        action: 'customers.profile.updated',
        subject: { type: 'customer', id: subjectId },
        payload: { n, note: `update ${n}` },
      }),
    );
  const integrateAndSign = async (): Promise<void> => {
    while ((await moduleRef.get(AuditSequencer).integrateBatch(logId)).status !== 'idle');
    await moduleRef.get(AuditCheckpointService).publishIfDue(logId, { force: true });
  };

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig({ AUDIT_RETENTION_DAYS: '0', ...AS_TABLE_OWNER })),
        DatabaseModule,
        AuditModule,
      ],
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
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    const slug = `cli-${randomBytes(5).toString('hex')}`;
    const [row] = await transactions.reader.query<{ id: string }[]>(
      'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
      [slug],
    );
    tenant = { id: row.id, slug };
    // Entries 0..5: ada at 0, 2 and 4, bob at 1 and 5, eve at 3; eve is then erased (entry 6).
    for (const [n, subject] of ['ada', 'bob', 'ada', 'eve', 'ada', 'bob'].entries()) await record(subject, n);
    logId = (await moduleRef.get(AuditLogRepository).findByTenant(tenant.id))?.id ?? '';
    await integrateAndSign();
    await moduleRef.get(AuditErasureService).eraseSubject(tenant.id, 'customer', 'eve', officer);
    await integrateAndSign();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('fsck prints a summary and exits 0 for an intact log, with the erased subject counted as erased', async () => {
    const output = recorder();

    expect(await fsckCommand(output).run(['--tenant', tenant.slug])).toBe(0);

    const text = output.out.join('\n');
    expect(text).toContain('OK: 1 audit log checked, 7 leaves');
    expect(text).toContain('(6 payloads present, 1 erased)');
    expect(text).toContain(`ok     verity.local/${tenant.slug}: 7 leaves`);
    expect(output.err).toEqual([]);

    const json = recorder();
    expect(await fsckCommand(json).run(['--tenant', tenant.slug, '--json'])).toBe(0);
    const report = JSON.parse(json.out.join('\n')) as AuditFsckReport;
    expect(report).toMatchObject({ ok: true, summary: { logs: 1, leaves: 7, checkpoints: 2 } });
  });

  it('fsck exits 1 for an unknown tenant', async () => {
    const output = recorder();

    expect(await fsckCommand(output).run(['--tenant', 'no-such-tenant'])).toBe(1);
    expect(output.err.join('\n')).toContain('no tenant "no-such-tenant"');
  });

  it('exports a subject’s entries that verify-pack verifies, and records the export in the ledger', async () => {
    const out = join(scratch, 'ada');
    const output = recorder();

    expect(await exportCommand(output).run(['--tenant', tenant.slug, '--subject', 'customer:ada', '--out', out])).toBe(
      0,
    );
    expect(output.out.join('\n')).toContain(`Exported: evidence pack ${out}`);
    expect(output.out.join('\n')).toContain('entries     3 (0 erased)');

    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as EvidencePackManifest;
    expect(manifest).toMatchObject({
      origin: `verity.local/${tenant.slug}`,
      selection: { kind: 'subject', subject: { type: 'customer', id: 'ada' } },
      checkpoint: { size: 7 },
      witnessQuorum: 0,
      entries: [0, 2, 4],
    });
    // The checkpoint is the stored note byte for byte.
    const note = await moduleRef.get(AuditReader).latestCheckpoint(tenant.id);
    expect(await readFile(join(out, 'checkpoint.txt'), 'utf8')).toBe(note);

    const verified = recorder();
    expect(await new VerifyPackCommand(verified).run([out])).toBe(0);
    expect(verified.out.join('\n')).toContain('entries     3: 3 verified, 0 erased');

    // The export is itself an entry of the tenant's log, about the exported subject, with the manifest's file count.
    await integrateAndSign();
    const page = await moduleRef.get(AuditReader).readEntries(tenant.id, 7, 8);
    expect(page.entries[0]).toMatchObject({
      action: AUDIT_EXPORT_ACTION,
      actor: exporter,
      subject: { type: 'customer', id: 'ada' },
      payloadStatus: 'present',
      payload: {
        selection: { kind: 'subject', subject: { type: 'customer', id: 'ada' } },
        checkpoint: { size: 7, rootHash: manifest.checkpoint.rootHash },
        entries: 3,
        erased: 0,
        files: Object.keys(manifest.files).length,
      },
    });
  });

  it('exports an index range with an erased entry, and verify-pack reports it as erased', async () => {
    const out = join(scratch, 'range');
    const output = recorder();

    expect(
      await exportCommand(output).run(['--tenant', tenant.slug, '--from', '1', '--to', '6', '--out', out, '--json']),
    ).toBe(0);
    const result = JSON.parse(output.out.join('\n')) as AuditExportResult;
    expect(result).toMatchObject({ entries: 5, erased: 1, manifest: { entries: [1, 2, 3, 4, 5] } });

    const verified = recorder();
    expect(await new VerifyPackCommand(verified).run([out])).toBe(0);
    expect(verified.out.join('\n')).toContain('entries     5: 4 verified, 1 erased');
  });

  it('names a pack tampered by one byte, and one whose manifest was rehashed to hide the change', async () => {
    const out = join(scratch, 'bob');
    expect(
      await exportCommand(recorder()).run(['--tenant', tenant.slug, '--subject', 'customer:bob', '--out', out]),
    ).toBe(0);
    const verifier = new EvidencePackVerifier();
    expect((await verifier.verifyDirectory(out)).ok).toBe(true);

    // One byte of a payload in entries.jsonl ("update 1" becomes "update 3").
    const flipped = join(scratch, 'bob-flipped');
    await cp(out, flipped, { recursive: true });
    const original = await readFile(join(flipped, 'entries.jsonl'), 'utf8');
    const altered = original.replace('"update 1"', '"update 3"');
    expect(altered).not.toBe(original);
    await writeFile(join(flipped, 'entries.jsonl'), altered);

    const report = await verifier.verifyDirectory(flipped);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ code: 'evidence/file_hash_mismatch', file: 'entries.jsonl' });
    const output = recorder();
    expect(await new VerifyPackCommand(output).run([flipped])).toBe(1);
    expect(output.err.join('\n')).toContain('evidence/file_hash_mismatch');

    // The manifest is not signed: rehashing it moves the failure to the payload, which the leaf still pins.
    const manifestPath = join(flipped, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as EvidencePackManifest;
    const rehashed = {
      ...manifest,
      files: { ...manifest.files, 'entries.jsonl': createHash('sha256').update(altered).digest('hex') },
    };
    await writeFile(manifestPath, `${JSON.stringify(rehashed, null, 2)}\n`);
    expect((await verifier.verifyDirectory(flipped)).failure).toMatchObject({
      code: 'evidence/payload_hash_mismatch',
      index: 1,
    });
  });

  it('carries the anchor receipts stored for the exported checkpoint, and only those about its exact note', async () => {
    const note = await moduleRef.get(AuditReader).latestCheckpoint(tenant.id);
    const size = Number(note.split('\n')[1]);
    const digest = createHash('sha256').update(note).digest('hex');
    const receipts = [
      { kind: 'write-once-directory', createdAt: new Date().toISOString(), path: 'a/b', sha256: digest },
      // About another note of the same size (signed before a key rotation, say): left out, or the pack would fail.
      { kind: 'rfc3161', createdAt: new Date().toISOString(), imprintSha256: '00'.repeat(32), tokenBase64: 'AA==' },
    ];
    for (const receipt of receipts) {
      await transactions.reader.query(
        'INSERT INTO audit_anchor_receipts (log_id, tree_size, kind, receipt) VALUES ($1, $2, $3, $4::jsonb)',
        [logId, size, receipt.kind, JSON.stringify(receipt)],
      );
    }
    const out = join(scratch, 'anchored');

    expect(
      await exportCommand(recorder()).run(['--tenant', tenant.slug, '--from', '0', '--to', '2', '--out', out]),
    ).toBe(0);

    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as EvidencePackManifest;
    expect(Object.keys(manifest.files).filter((path) => path.startsWith('anchors/'))).toHaveLength(1);
    const verified = recorder();
    expect(await new VerifyPackCommand(verified).run([out])).toBe(0);
    expect(verified.out.join('\n')).toContain('anchors     1 verified');
  });

  it('refuses a range beyond the latest checkpoint, and bad arguments as usage errors', async () => {
    const output = recorder();
    const out = join(scratch, 'too-far');

    expect(await exportCommand(output).run(['--tenant', tenant.slug, '--from', '0', '--to', '99', '--out', out])).toBe(
      1,
    );
    expect(output.err.join('\n')).toContain('audit/export_range_invalid');

    for (const args of [
      ['--tenant', tenant.slug, '--out', out],
      ['--tenant', tenant.slug, '--subject', 'customer:ada', '--from', '0', '--to', '1', '--out', out],
      ['--tenant', tenant.slug, '--subject', 'no-colon', '--out', out],
      ['--tenant', tenant.slug, '--from', '0', '--out', out],
      ['--subject', 'customer:ada', '--out', out],
    ]) {
      await expect(exportCommand(recorder()).run(args)).rejects.toThrow(CliUsageError);
    }
  });
});
