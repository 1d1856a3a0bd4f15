import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import { AnchorError } from '../audit.errors.js';
import { AuditModule } from '../audit.module.js';
import { AuditCheckpointRepository } from '../checkpoint/audit-checkpoint.repository.js';
import { AuditCheckpointService } from '../checkpoint/audit-checkpoint.service.js';
import { NOTE_SIGNER_PROVIDER, loadNoteSigners } from '../checkpoint/note-signer.provider.js';
import { AuditLedger } from '../ledger/audit-ledger.service.js';
import { AuditLogRepository } from '../ledger/audit-log.repository.js';
import { AuditPublicationFailureRepository } from '../monitoring/audit-publication-failure.repository.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { AuditSequencer } from '../sequencer/audit-sequencer.service.js';
import { AnchorReceiptRepository } from './anchor-receipt.repository.js';
import type { AnchoredCheckpoint, AnchorReceipt, AuditAnchor } from './audit-anchor.types.js';
import { AUDIT_ANCHORS } from './audit-anchoring.provider.js';
import { AuditAnchoringService } from './audit-anchoring.service.js';
import { WriteOnceDirectoryAnchor } from './write-once-directory.anchor.js';

/** An anchor that refuses while `down` (a TSA that is unreachable), and anchors by echoing the note's size when up. */
class SwitchableAnchor implements AuditAnchor {
  readonly kind = 'switchable';
  down = true;
  calls = 0;

  anchor(checkpoint: AnchoredCheckpoint): Promise<AnchorReceipt> {
    this.calls += 1;
    if (this.down) return Promise.reject(new AnchorError('audit/anchor_tsa_failed', 'the anchor is unreachable'));
    return Promise.resolve({ kind: this.kind, createdAt: new Date().toISOString(), size: checkpoint.size });
  }

  verify(): Promise<void> {
    return Promise.resolve();
  }
}

describe('the anchoring job (real PostgreSQL, a write-once directory and a failing anchor)', () => {
  const signing = generateNoteKeyPair('verity.local');
  const switchable = new SwitchableAnchor();
  let directory: string;
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let receipts: AnchorReceiptRepository;
  let failures: AuditPublicationFailureRepository;
  let anchoring: AuditAnchoringService;
  let tenantId: string;
  let logId: string;

  const publishEntries = async (count: number): Promise<number> => {
    const ledger = moduleRef.get(AuditLedger);
    for (let n = 0; n < count; n += 1) {
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
    const log = await moduleRef.get(AuditLogRepository).findByTenant(tenantId);
    if (!log) throw new Error('the tenant has no audit log');
    logId = log.id;
    await moduleRef.get(AuditSequencer).integrate(logId);
    expect(await moduleRef.get(AuditCheckpointService).publishIfDue(logId, { force: true })).toBe('published');
    return (await moduleRef.get(AuditCheckpointRepository).latest(logId))?.treeSize ?? 0;
  };

  const receiptsOfLog = async (): Promise<{ size: number; kind: string }[]> =>
    (await receipts.listForLog(logId)).map((r) => ({ size: r.treeSize, kind: r.kind }));

  const anchorFailures = async (kind: string): Promise<number> =>
    (await failures.totals()).find((t) => t.stage === 'anchor' && t.kind === kind)?.failures ?? 0;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'verity-anchors-'));
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
        { provide: AUDIT_ANCHORS, useValue: [new WriteOnceDirectoryAnchor(directory), switchable] },
        AuditCheckpointService,
        AuditAnchoringService,
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    receipts = moduleRef.get(AnchorReceiptRepository);
    failures = moduleRef.get(AuditPublicationFailureRepository);
    anchoring = moduleRef.get(AuditAnchoringService);
    const slug = `anchored-${randomBytes(5).toString('hex')}`;
    tenantId = (
      await transactions.reader.query<{ id: string }[]>(
        'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
        [slug],
      )
    )[0].id;
  });

  afterAll(async () => {
    await moduleRef?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('anchors each new checkpoint once per kind; a failing anchor is counted, retried, and blocks nothing', async () => {
    const first = await publishEntries(3);
    const failuresBefore = await anchorFailures('switchable');

    await anchoring.anchorPending();
    expect(await receiptsOfLog()).toEqual([{ size: first, kind: 'write-once-directory' }]);
    expect(await anchorFailures('switchable')).toBeGreaterThan(failuresBefore);
    const ongoing = (await failures.failingLongerThan(0)).filter((f) => f.logId === logId);
    expect(ongoing).toEqual([expect.objectContaining({ stage: 'anchor', kind: 'switchable' })]);

    // The next run retries only the failed anchor; the directory is not asked again for the same checkpoint.
    switchable.down = false;
    await anchoring.anchorPending();
    expect(await receiptsOfLog()).toEqual([
      { size: first, kind: 'switchable' },
      { size: first, kind: 'write-once-directory' },
    ]);
    expect((await failures.failingLongerThan(0)).filter((f) => f.logId === logId)).toEqual([]);

    const calls = switchable.calls;
    await anchoring.anchorPending();
    expect(await receiptsOfLog()).toHaveLength(2);
    expect(switchable.calls).toBe(calls);

    const second = await publishEntries(2);
    await anchoring.anchorPending();
    await anchoring.anchorPending();
    expect(await receiptsOfLog()).toEqual([
      { size: second, kind: 'switchable' },
      { size: second, kind: 'write-once-directory' },
      { size: first, kind: 'switchable' },
      { size: first, kind: 'write-once-directory' },
    ]);
    // The stored receipt still proves the published (latest) note against the directory.
    const stored = (await receipts.listForLog(logId, { treeSize: second })).find(
      (r) => r.kind === 'write-once-directory',
    );
    const note = (await moduleRef.get(AuditCheckpointRepository).latest(logId))?.note ?? '';
    expect(stored).toBeDefined();
    if (stored) await new WriteOnceDirectoryAnchor(directory).verify(stored.receipt, note);
  });

  it('keeps receipts write-once: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const refusal = async (sql: string, params: unknown[] = [logId]): Promise<string | undefined> => {
      try {
        await transactions.run((tx) => tx.query(sql, params));
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    expect(await refusal(`UPDATE audit_anchor_receipts SET kind = 'forged' WHERE log_id = $1`)).toContain(
      'audit table audit_anchor_receipts is write-once',
    );
    expect(await refusal('DELETE FROM audit_anchor_receipts WHERE log_id = $1')).toContain('write-once');
    expect(await refusal('TRUNCATE audit_anchor_receipts', [])).toContain('write-once');
    expect(await receiptsOfLog()).toHaveLength(4);
  });
});
