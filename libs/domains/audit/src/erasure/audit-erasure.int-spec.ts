import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import { AuditModule } from '../audit.module.js';
import { AuditCheckpointRepository } from '../checkpoint/audit-checkpoint.repository.js';
import { AuditCheckpointService } from '../checkpoint/audit-checkpoint.service.js';
import { NOTE_SIGNER_PROVIDER, loadNoteSigners } from '../checkpoint/note-signer.provider.js';
import { AuditEntryRepository } from '../ledger/audit-entry.repository.js';
import { AuditLedger } from '../ledger/audit-ledger.service.js';
import { AuditLogRepository } from '../ledger/audit-log.repository.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { verifyInclusion } from '../proof/inclusion-proof.verifier.js';
import { AuditReader } from '../reader/audit-reader.service.js';
import { AuditSequencer } from '../sequencer/audit-sequencer.service.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { AuditErasureService } from './audit-erasure.service.js';
import { AuditLegalHoldRepository } from './audit-legal-hold.repository.js';
import { AuditSubjectKeyRepository } from './audit-subject-key.repository.js';

const signing = generateNoteKeyPair('verity.local');
const officer = { type: 'user', id: 'officer-1' } as const;

describe('erasure by crypto-shredding (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let ledger: AuditLedger;
  let reader: AuditReader;
  let erasure: AuditErasureService;

  const newTenant = async (): Promise<string> =>
    (
      await transactions.reader.query<{ id: string }[]>(
        'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
        [`audit-${randomBytes(5).toString('hex')}`],
      )
    )[0].id;
  const recordAbout = (tenantId: string, subjectId: string, payload: Record<string, string>): Promise<unknown> =>
    transactions.run((tx) =>
      ledger.record(tx, {
        tenantId,
        actor: officer,
        action: 'customers.profile.updated',
        subject: { type: 'customer', id: subjectId },
        payload,
      }),
    );
  const integrateAndSign = async (tenantId: string): Promise<string> => {
    const logId = (await moduleRef.get(AuditLogRepository).findByTenant(tenantId))?.id ?? '';
    while ((await moduleRef.get(AuditSequencer).integrateBatch(logId)).status !== 'idle');
    await moduleRef.get(AuditCheckpointService).publishIfDue(logId, { force: true });
    return logId;
  };
  const retaining = (days: string): AuditErasureService =>
    new AuditErasureService(
      transactions,
      ledger,
      moduleRef.get(AuditEntryRepository),
      moduleRef.get(AuditSubjectKeyRepository, { strict: false }),
      moduleRef.get(AuditLegalHoldRepository, { strict: false }),
      new AppConfig({ ...moduleRef.get(AppConfig).values, AUDIT_RETENTION_DAYS: Number(days) }),
    );

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
    ledger = moduleRef.get(AuditLedger);
    reader = moduleRef.get(AuditReader);
    erasure = moduleRef.get(AuditErasureService);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('makes the subject’s payloads unreadable while entries, proofs and checkpoints still verify', async () => {
    const tenantId = await newTenant();
    await recordAbout(tenantId, 'ada', { name: 'Ada Lovelace', email: 'ada@example.com' });
    await recordAbout(tenantId, 'bob', { name: 'Bob' });
    await recordAbout(tenantId, 'ada', { email: 'ada@new.example.com' });
    await integrateAndSign(tenantId);
    const before = await reader.readEntries(tenantId, 0, 10);
    expect(before.entries.map((e) => e.payloadStatus)).toEqual(['present', 'present', 'present']);
    expect(before.entries[0].payload).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });

    const outcome = await erasure.eraseSubject(tenantId, 'customer', 'ada', officer);
    expect(outcome.erased).toBe(true);
    const logId = await integrateAndSign(tenantId);

    const after = await reader.readEntries(tenantId, 0, 10);
    expect(after.entries.map((e) => [e.subject.id, e.action, e.payloadStatus])).toEqual([
      ['ada', 'customers.profile.updated', 'erased'],
      ['bob', 'customers.profile.updated', 'present'],
      ['ada', 'customers.profile.updated', 'erased'],
      [outcome.subjectKeyId, 'audit.subject.erased', 'present'],
    ]);
    expect(after.entries[0].payload).toBeNull();
    expect(after.entries[3].payload).toEqual({ subjectType: 'customer', subjectId: 'ada' });
    // The ciphertext is still stored (no row changed); only the key is gone.
    const raw = await transactions.reader.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM audit_entries WHERE log_id = $1 AND payload_ciphertext IS NOT NULL',
      [logId],
    );
    expect(Number(raw[0].n)).toBe(4);

    const note = (await moduleRef.get(AuditCheckpointRepository).latest(logId))?.note ?? '';
    const { checkpoint } = openCheckpoint(note, [Ed25519NoteVerifier.fromVerifierKey(signing.verifierKey)]);
    expect(checkpoint.size).toBe(4);
    for (const entry of after.entries) {
      expect(entry.leafMatchesTree).toBe(true);
      const proof = await reader.inclusionProof(tenantId, entry.index, checkpoint.size);
      expect(
        verifyInclusion(hashLeaf(entry.leaf), entry.index, checkpoint.size, proof, checkpoint.rootHash),
      ).toBeTruthy();
    }
    // Erasing again changes nothing.
    expect(await erasure.eraseSubject(tenantId, 'customer', 'ada', officer)).toMatchObject({ erased: false });
  });

  it('seals a later entry about an erased subject under a new key, never under the erased one', async () => {
    const tenantId = await newTenant();
    // The first entry's transaction rolls back: the key it made is gone, and the next entry must not use it.
    await expect(
      transactions.run(async (tx) => {
        await ledger.record(tx, {
          tenantId,
          actor: officer,
          action: 'customers.profile.updated',
          subject: { type: 'customer', id: 'gus' },
          payload: { name: 'rolled back' },
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await recordAbout(tenantId, 'gus', { name: 'Gus' });
    await recordAbout(tenantId, 'gus', { name: 'Gus again' });
    const outcome = await erasure.eraseSubject(tenantId, 'customer', 'gus', officer);
    expect(outcome.erased).toBe(true);
    // The same ledger (which just used gus's key twice) records about gus after the erasure.
    await recordAbout(tenantId, 'gus', { name: 'Gus, new contract' });
    await integrateAndSign(tenantId);

    const after = await reader.readEntries(tenantId, 0, 10);
    expect(after.entries.map((e) => [e.subject.id, e.payloadStatus, e.payload])).toEqual([
      ['gus', 'erased', null],
      ['gus', 'erased', null],
      [outcome.subjectKeyId, 'present', { subjectType: 'customer', subjectId: 'gus' }],
      ['gus', 'present', { name: 'Gus, new contract' }],
    ]);
    const keys = await transactions.run(
      (tx) =>
        tx.query<{ subject_key_id: string }[]>(
          `SELECT e.subject_key_id FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
            WHERE l.tenant_id = $1 AND e.subject_id = 'gus' ORDER BY e.id`,
          [tenantId],
        ),
      { tenantId },
    );
    expect(keys).toHaveLength(3);
    expect(keys[0].subject_key_id).toBe(outcome.subjectKeyId);
    expect(keys[1].subject_key_id).toBe(outcome.subjectKeyId);
    expect(keys[2].subject_key_id).not.toBe(outcome.subjectKeyId);
  });

  it('tells an altered payload (tampered) apart from an erased one', async () => {
    const tenantId = await newTenant();
    await recordAbout(tenantId, 'carol', { name: 'Carol' });
    const logId = await integrateAndSign(tenantId);
    await transactions.run(async (tx) => {
      await tx.query('SELECT audit_begin_maintenance($1, $2)', [tenantId, 'test: alter a payload as an attacker']);
      await tx.query(
        `UPDATE audit_entries SET payload_ciphertext = overlay(payload_ciphertext PLACING '\\xff'::bytea FROM 20)
          WHERE log_id = $1 AND subject_id = 'carol'`,
        [logId],
      );
    });
    const page = await reader.readEntries(tenantId, 0, 1);
    expect(page.entries[0]).toMatchObject({ subject: { id: 'carol' }, payloadStatus: 'tampered', payload: null });
  });

  it('is refused while a legal hold covers the subject or the whole tenant, and allowed once released', async () => {
    const tenantId = await newTenant();
    await recordAbout(tenantId, 'dan', { name: 'Dan' });
    await recordAbout(tenantId, 'eve', { name: 'Eve' });
    const onDan = await erasure.placeLegalHold(
      tenantId,
      { subjectType: 'customer', subjectId: 'dan' },
      'case 42',
      officer,
    );
    await expect(erasure.eraseSubject(tenantId, 'customer', 'dan', officer)).rejects.toMatchObject({
      code: 'audit/erasure_legal_hold',
      kind: 'conflict',
    });
    const onTenant = await erasure.placeLegalHold(tenantId, {}, 'regulator inquiry', officer);
    await expect(erasure.eraseSubject(tenantId, 'customer', 'eve', officer)).rejects.toMatchObject({
      code: 'audit/erasure_legal_hold',
    });
    await erasure.releaseLegalHold(tenantId, onTenant, officer);
    expect(await erasure.eraseSubject(tenantId, 'customer', 'eve', officer)).toMatchObject({ erased: true });
    await erasure.releaseLegalHold(tenantId, onDan, officer);
    await expect(erasure.releaseLegalHold(tenantId, onDan, officer)).rejects.toMatchObject({
      code: 'audit/legal_hold_not_found',
    });
    expect(await erasure.eraseSubject(tenantId, 'customer', 'dan', officer)).toMatchObject({ erased: true });
    await integrateAndSign(tenantId);
    const actions = (await reader.readEntries(tenantId, 0, 20)).entries.map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('audit.legal_hold.'))).toEqual([
      'audit.legal_hold.placed',
      'audit.legal_hold.placed',
      'audit.legal_hold.released',
      'audit.legal_hold.released',
    ]);
  });

  it('is refused while the subject’s newest entry is within the retention period', async () => {
    const tenantId = await newTenant();
    await recordAbout(tenantId, 'fay', { name: 'Fay' });
    await expect(retaining('30').eraseSubject(tenantId, 'customer', 'fay', officer)).rejects.toMatchObject({
      code: 'audit/erasure_retention',
      kind: 'conflict',
    });
    const page = await reader.readEntries(tenantId, 0, 10);
    expect(page.treeSize).toBe(0);
    expect(await retaining('0').eraseSubject(tenantId, 'customer', 'fay', officer)).toMatchObject({ erased: true });
  });
});
