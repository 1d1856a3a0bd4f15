import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import { AuditModule } from '../audit.module.js';
import { AuditCheckpointService } from '../checkpoint/audit-checkpoint.service.js';
import { NOTE_SIGNER_PROVIDER, loadNoteSigners } from '../checkpoint/note-signer.provider.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { AuditReader } from '../reader/audit-reader.service.js';
import { AuditSequencer } from '../sequencer/audit-sequencer.service.js';
import { AuditLedger } from './audit-ledger.service.js';
import { AuditLogRepository } from './audit-log.repository.js';

const WRITE_ONCE = [
  'audit_logs',
  'audit_entries',
  'audit_leaves',
  'audit_nodes',
  'audit_checkpoints',
  'audit_verifier_keys',
];

describe('write-once audit storage (real PostgreSQL; the test role is a superuser, and the triggers still hold)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let tenantId: string;
  let logId: string;

  /** Runs one statement in its own transaction and returns the database's refusal, if any. */
  const refusal = async (sql: string, params: unknown[] = []): Promise<string | undefined> => {
    try {
      await transactions.run((tx) => tx.query(sql, params));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  beforeAll(async () => {
    const signing = generateNoteKeyPair('verity.local');
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig(AS_TABLE_OWNER)), DatabaseModule, AuditModule],
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
    const slug = `audit-${randomBytes(5).toString('hex')}`;
    tenantId = (
      await transactions.reader.query<{ id: string }[]>(
        'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
        [slug],
      )
    )[0].id;
    // Fill every table, so each refusal below concerns real rows.
    const ledger = moduleRef.get(AuditLedger);
    for (let n = 0; n < 3; n += 1) {
      await transactions.run((tx) =>
        ledger.record(tx, {
          tenantId,
          actor: { type: 'system', id: 'test' },
          action: 'test.row.written',
          subject: { type: 'user', id: 'u-1' },
          payload: { n },
        }),
      );
    }
    logId = (await moduleRef.get(AuditLogRepository).findByTenant(tenantId))?.id ?? '';
    while ((await moduleRef.get(AuditSequencer).integrateBatch(logId)).status !== 'idle');
    await moduleRef.get(AuditCheckpointService).publishIfDue(logId, { force: true });
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it.each(WRITE_ONCE)('refuses UPDATE, DELETE and TRUNCATE on %s', async (table) => {
    const column = table === 'audit_verifier_keys' ? 'key_name' : table === 'audit_logs' ? 'origin' : 'log_id';
    expect(await refusal(`UPDATE ${table} SET ${column} = ${column}`)).toMatch(/write-once: UPDATE is not allowed/);
    expect(await refusal(`DELETE FROM ${table}`)).toMatch(/write-once: DELETE is not allowed/);
    // Even a statement that matches no row is refused: the trigger is per statement.
    expect(await refusal(`DELETE FROM ${table} WHERE false`)).toMatch(/write-once/);
    // CASCADE reaches every referencing table too, and each has the trigger.
    expect(await refusal(`TRUNCATE ${table} CASCADE`)).toMatch(/write-once: TRUNCATE is not allowed/);
  });

  it.each(['audit_unsequenced_entries', 'audit_subject_keys'])(
    'refuses UPDATE and TRUNCATE on %s (its one DELETE is the sequencer’s or erasure’s)',
    async (table) => {
      const column = table === 'audit_subject_keys' ? 'subject_id' : 'log_id';
      expect(await refusal(`UPDATE ${table} SET ${column} = ${column}`)).toMatch(/write-once: UPDATE/);
      expect(await refusal(`TRUNCATE ${table}`)).toMatch(/write-once: TRUNCATE/);
    },
  );

  it('lets the documented maintenance procedure change a row, and records it in the log first', async () => {
    const before = await refusal('UPDATE audit_entries SET action = action WHERE log_id = $1', [logId]);
    expect(before).toMatch(/write-once/);
    await transactions.run(async (tx) => {
      await tx.query('SELECT audit_begin_maintenance($1, $2)', [tenantId, 'test: prove the maintenance path works']);
      await tx.query('UPDATE audit_entries SET action = action WHERE log_id = $1', [logId]);
    });
    // The setting lasted only for that transaction.
    expect(await refusal('UPDATE audit_entries SET action = action WHERE log_id = $1', [logId])).toMatch(/write-once/);
    expect(await refusal('SELECT audit_begin_maintenance($1, $2)', [tenantId, 'short'])).toMatch(/reason/);

    while ((await moduleRef.get(AuditSequencer).integrateBatch(logId)).status !== 'idle');
    const page = await moduleRef.get(AuditReader).readEntries(tenantId, 0, 10);
    const maintenance = page.entries.find((e) => e.action === 'audit.maintenance.began');
    expect(maintenance).toMatchObject({
      index: 3,
      actor: { type: 'system' },
      subject: { type: 'tenant', id: tenantId },
      payloadStatus: 'present',
      payload: { reason: 'test: prove the maintenance path works' },
      leafMatchesTree: true,
    });
    expect(maintenance?.actor.id).toMatch(/^database:/);
  });
});
