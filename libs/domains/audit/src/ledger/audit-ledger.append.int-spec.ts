import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import { AuditModule } from '../audit.module.js';
import { AuditReader } from '../reader/audit-reader.service.js';
import { AuditSequencer } from '../sequencer/audit-sequencer.service.js';
import type { AuditEvent } from './audit-event.types.js';
import { AuditLedger, MAX_AUDIT_PAYLOAD_BYTES } from './audit-ledger.service.js';
import { AuditLogRepository } from './audit-log.repository.js';

describe('AuditLedger.append: group commit of standalone events (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let ledger: AuditLedger;

  const newTenant = async (): Promise<string> =>
    (
      await transactions.reader.query<{ id: string }[]>(
        'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
        [`audit-append-${randomBytes(5).toString('hex')}`],
      )
    )[0].id;
  const attempt = (tenantId: string, n: number, payload: Record<string, unknown> = {}): AuditEvent => ({
    tenantId,
    actor: { type: 'system', id: 'sign-in' },
    action: 'identity.sign_in.failed',
    subject: { type: 'tenant', id: tenantId },
    payload: { n, ...payload },
  });
  /** The tenant's stored entries with the transaction that wrote each (xmin). */
  const stored = (tenantId: string) =>
    transactions.run(
      (tx) =>
        tx.query<{ id: string; writer: string }[]>(
          `SELECT e.id, e.xmin::text AS writer FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
            WHERE l.tenant_id = $1 ORDER BY e.id`,
          [tenantId],
        ),
      { tenantId },
    );

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig({ ...AS_TABLE_OWNER })), DatabaseModule, AuditModule],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    ledger = moduleRef.get(AuditLedger);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('commits concurrent appends together, each answered with its own entry, all readable in order of sequencing', async () => {
    const tenantId = await newTenant();
    const recorded = await Promise.all(Array.from({ length: 60 }, (_, n) => ledger.append(attempt(tenantId, n))));

    expect(new Set(recorded.map((r) => r.entryId)).size).toBe(60);
    const rows = await stored(tenantId);
    expect(rows.map((r) => r.id).sort()).toEqual(recorded.map((r) => r.entryId).sort());
    // Group commit: the 60 entries were written by fewer transactions than entries (the first alone, the rest grouped).
    const writers = new Set(rows.map((r) => r.writer));
    expect(writers.size).toBeGreaterThan(1);
    expect(writers.size).toBeLessThan(10);

    // They are ordinary entries: the sequencer integrates them and their payloads read back.
    const logId = (await moduleRef.get(AuditLogRepository).findByTenant(tenantId))?.id ?? '';
    while ((await moduleRef.get(AuditSequencer).integrateBatch(logId)).status !== 'idle');
    const { entries } = await moduleRef.get(AuditReader).readEntries(tenantId, 0, 100);
    expect(entries).toHaveLength(60);
    expect(entries.map((e) => (e.payload as { n: number }).n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, n) => n),
    );
  });

  it('refuses an invalid or oversized event at once, and fails only the event that is refused', async () => {
    const tenantId = await newTenant();
    await expect(ledger.append({ ...attempt(tenantId, 0), action: 'Not An Action' })).rejects.toMatchObject({
      code: 'audit/invalid_event',
    });

    const oversized = { blob: 'x'.repeat(MAX_AUDIT_PAYLOAD_BYTES) };
    const outcomes = await Promise.allSettled([
      ledger.append(attempt(tenantId, 1)),
      ledger.append(attempt(tenantId, 2)),
      ledger.append(attempt(tenantId, 3, oversized)),
      ledger.append(attempt(tenantId, 4)),
      // A well-formed tenant id of no tenant: its own group, refused by the ledger.
      ledger.append(attempt(randomUUID(), 5)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/bytes of canonical JSON/);
    expect(String((outcomes[4] as PromiseRejectedResult).reason)).toMatch(/does not exist/);
    // The oversized event was refused before it could join (and fail) the others' group: three entries, none lost.
    expect(await stored(tenantId)).toHaveLength(3);
  });
});
