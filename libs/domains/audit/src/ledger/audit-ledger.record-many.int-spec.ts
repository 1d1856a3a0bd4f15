import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import { AuditModule } from '../audit.module.js';
import { AuditErasureService } from '../erasure/audit-erasure.service.js';
import { AuditReader } from '../reader/audit-reader.service.js';
import { AuditSequencer } from '../sequencer/audit-sequencer.service.js';
import { AuditEntryRepository } from './audit-entry.repository.js';
import type { AuditEvent } from './audit-event.types.js';
import { AuditLedger } from './audit-ledger.service.js';
import { AuditLogRepository } from './audit-log.repository.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const officer = { type: 'user', id: 'officer-1' } as const;

describe('AuditLedger.recordMany (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let ledger: AuditLedger;
  let reader: AuditReader;
  let erasure: AuditErasureService;
  let entries: AuditEntryRepository;

  const newTenant = async (): Promise<string> =>
    (
      await transactions.reader.query<{ id: string }[]>(
        'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
        [`audit-many-${randomBytes(5).toString('hex')}`],
      )
    )[0].id;
  const about = (tenantId: string, subjectId: string, n: number): AuditEvent => ({
    tenantId,
    actor: officer,
    action: 'customers.profile.updated',
    subject: { type: 'customer', id: subjectId },
    payload: { subjectId, n },
  });
  const sequenced = async (tenantId: string) => {
    const logId = (await moduleRef.get(AuditLogRepository).findByTenant(tenantId))?.id ?? '';
    while ((await moduleRef.get(AuditSequencer).integrateBatch(logId)).status !== 'idle');
    return (await reader.readEntries(tenantId, 0, 1_000)).entries;
  };
  const keysOf = (tenantId: string) =>
    transactions.run(
      (tx) =>
        tx.query<{ subject_id: string; subject_key_id: string; key_exists: boolean }[]>(
          `SELECT e.subject_id, e.subject_key_id,
                  EXISTS (SELECT 1 FROM audit_subject_keys k WHERE k.id = e.subject_key_id) AS key_exists
             FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
            WHERE l.tenant_id = $1 AND e.subject_key_id IS NOT NULL ORDER BY e.id`,
          [tenantId],
        ),
      { tenantId },
    );

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig({ AUDIT_RETENTION_DAYS: '0', ...AS_TABLE_OWNER })),
        DatabaseModule,
        AuditModule,
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    ledger = moduleRef.get(AuditLedger);
    reader = moduleRef.get(AuditReader);
    erasure = moduleRef.get(AuditErasureService);
    entries = moduleRef.get(AuditEntryRepository);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await moduleRef?.close();
  });

  it('records many events about one subject and about many, in order, under one key per subject, gapless', async () => {
    const tenantId = await newTenant();
    const events = [
      ...Array.from({ length: 40 }, (_, n) => about(tenantId, 'ada', n)),
      ...Array.from({ length: 60 }, (_, n) => about(tenantId, `subject-${n % 30}`, 100 + n)),
    ];
    const recorded = await transactions.run((tx) => ledger.recordMany(tx, events), { tenantId });
    expect(recorded).toHaveLength(100);
    expect(new Set(recorded.map((r) => r.entryId)).size).toBe(100);

    const stored = await sequenced(tenantId);
    expect(stored.map((e) => e.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // The ledger's order is the order given, and every payload opens with its subject's key.
    expect(stored.map((e) => [e.subject.id, e.payloadStatus, e.payload])).toEqual(
      events.map((e) => [e.subject.id, 'present', e.payload]),
    );
    expect(stored.map((e) => hex(e.payloadHash))).toEqual(recorded.map((r) => hex(r.payloadHash)));
    const keys = await keysOf(tenantId);
    const keyOfSubject = new Map<string, Set<string>>();
    for (const k of keys)
      keyOfSubject.set(k.subject_id, (keyOfSubject.get(k.subject_id) ?? new Set()).add(k.subject_key_id));
    expect(keyOfSubject.size).toBe(31);
    for (const ids of keyOfSubject.values()) expect(ids.size).toBe(1);

    // A later batch about the same subjects (keys now remembered) and a new one appends after them.
    await transactions.run(
      (tx) =>
        ledger.recordMany(tx, [
          about(tenantId, 'ada', 200),
          about(tenantId, 'new', 201),
          about(tenantId, 'subject-3', 202),
        ]),
      { tenantId },
    );
    const after = await sequenced(tenantId);
    expect(after.map((e) => e.index)).toEqual(Array.from({ length: 103 }, (_, i) => i));
    expect(after.slice(100).map((e) => [e.subject.id, e.payloadStatus])).toEqual([
      ['ada', 'present'],
      ['new', 'present'],
      ['subject-3', 'present'],
    ]);
  });

  it('records nothing when one event is malformed, and nothing when the transaction rolls back', async () => {
    const tenantId = await newTenant();
    await expect(
      transactions.run(
        (tx) =>
          ledger.recordMany(tx, [about(tenantId, 'a', 1), { ...about(tenantId, 'b', 2), action: 'Not An Action' }]),
        { tenantId },
      ),
    ).rejects.toMatchObject({ code: 'audit/invalid_event' });
    await expect(
      transactions.run(
        async (tx) => {
          await ledger.recordMany(tx, [about(tenantId, 'a', 1), about(tenantId, 'b', 2)]);
          throw new Error('roll back');
        },
        { tenantId },
      ),
    ).rejects.toThrow('roll back');
    expect(await keysOf(tenantId)).toEqual([]);
    // The keys made by the rolled-back batch are not remembered: the next entries get keys that exist.
    await transactions.run((tx) => ledger.recordMany(tx, [about(tenantId, 'a', 3), about(tenantId, 'b', 4)]), {
      tenantId,
    });
    const keys = await keysOf(tenantId);
    expect(keys.map((k) => [k.subject_id, k.key_exists])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });

  it('never seals an entry under a remembered key that an erasure deleted', async () => {
    const tenantId = await newTenant();
    await transactions.run((tx) => ledger.record(tx, about(tenantId, 'gus', 1)), { tenantId });
    const erased = await erasure.eraseSubject(tenantId, 'customer', 'gus', officer);
    expect(erased.erased).toBe(true);
    // The ledger still remembers gus's (now erased) key from the entry above: gus's entries fail under it and go in
    // again under gus's new key, after ivy's (the only case where recordMany's order differs from the order given).
    await transactions.run(
      (tx) => ledger.recordMany(tx, [about(tenantId, 'gus', 2), about(tenantId, 'ivy', 3), about(tenantId, 'gus', 4)]),
      { tenantId },
    );
    const keys = await keysOf(tenantId);
    const later = keys.slice(-3);
    expect(later.map((k) => [k.subject_id, k.key_exists])).toEqual([
      ['ivy', true],
      ['gus', true],
      ['gus', true],
    ]);
    expect(later[1].subject_key_id).not.toBe(erased.subjectKeyId);
    expect(later[2].subject_key_id).toBe(later[1].subject_key_id);
    const stored = await sequenced(tenantId);
    expect(stored.slice(-3).map((e) => [e.subject.id, e.payloadStatus, e.payload])).toEqual([
      ['ivy', 'present', { subjectId: 'ivy', n: 3 }],
      ['gus', 'present', { subjectId: 'gus', n: 2 }],
      ['gus', 'present', { subjectId: 'gus', n: 4 }],
    ]);
  });

  it('seals again under a new key the entries whose key an erasure deleted between the key read and the insert', async () => {
    const tenantId = await newTenant();
    await transactions.run((tx) => ledger.record(tx, about(tenantId, 'hal', 1)), { tenantId });
    // Forget the remembered keys, so that recordMany reads hal's key from the table.
    (ledger as unknown as { subjectKeys: Map<string, unknown> }).subjectKeys.clear();
    const insert = entries.insertManyUnderExistingKeys.bind(entries);
    let erasedKeyId: string | null = null;
    let erasing = false;
    const spy = vi.spyOn(entries, 'insertManyUnderExistingKeys').mockImplementation(async (tx, batch) => {
      // Once only (the erasure's own audit entry comes through here too).
      if (!erasing) {
        erasing = true;
        // Committed by another transaction after recordMany read hal's key and before its insert runs.
        erasedKeyId = (await erasure.eraseSubject(tenantId, 'customer', 'hal', officer)).subjectKeyId ?? '';
      }
      return insert(tx, batch);
    });
    try {
      await transactions.run(
        (tx) =>
          ledger.recordMany(tx, [about(tenantId, 'hal', 2), about(tenantId, 'kim', 3), about(tenantId, 'hal', 4)]),
        { tenantId },
      );
    } finally {
      spy.mockRestore();
    }
    expect(erasedKeyId).toBeTruthy();
    const keys = await keysOf(tenantId);
    const hal = keys.filter((k) => k.subject_id === 'hal').slice(-2);
    expect(hal.map((k) => k.key_exists)).toEqual([true, true]);
    expect(hal[0].subject_key_id).not.toBe(erasedKeyId);
    // kim's entry went in with the first insert, hal's two with the second (in their order), all readable.
    const stored = await sequenced(tenantId);
    expect(stored.slice(-3).map((e) => [e.subject.id, e.payloadStatus, e.payload])).toEqual([
      ['kim', 'present', { subjectId: 'kim', n: 3 }],
      ['hal', 'present', { subjectId: 'hal', n: 2 }],
      ['hal', 'present', { subjectId: 'hal', n: 4 }],
    ]);
  });
});
