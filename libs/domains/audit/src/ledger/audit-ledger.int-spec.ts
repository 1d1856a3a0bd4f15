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
import { NOTE_SIGNER_PROVIDER, loadNoteSigners, type NoteSignerProvider } from '../checkpoint/note-signer.provider.js';
import { AuditPublicationFailureRepository } from '../monitoring/audit-publication-failure.repository.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { consistencyProof } from '../proof/consistency-proof.builder.js';
import { verifyConsistency } from '../proof/consistency-proof.verifier.js';
import { AuditSequencer } from '../sequencer/audit-sequencer.service.js';
import { AuditTreeRepository } from '../sequencer/audit-tree.repository.js';
import { CompactRangeBuilder, rootFromLeafHashes } from '../tree/compact-range.builder.js';
import { LeafHashArraySource } from '../tree/leaf-hash-array.source.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { AuditEntryRepository } from './audit-entry.repository.js';
import type { AuditEvent } from './audit-event.types.js';
import { auditLeafBytes } from './audit-leaf.codec.js';
import { AuditLedger } from './audit-ledger.service.js';
import { AuditLogRepository } from './audit-log.repository.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const signing = generateNoteKeyPair('verity.local');
const signersOf = (...keys: string[]): NoteSignerProvider =>
  loadNoteSigners({
    signingKeys: keys.join(','),
    signingKeyFile: undefined,
    production: false,
    keyName: 'verity.local',
    developmentKeyFile: '/nonexistent',
    log: () => undefined,
  });

describe('audit ledger: recording, sequencing and checkpoints (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let ledger: AuditLedger;
  let sequencer: AuditSequencer;
  let tree: AuditTreeRepository;
  let entries: AuditEntryRepository;
  let logs: AuditLogRepository;
  let checkpoints: AuditCheckpointService;

  const newSequencer = (): AuditSequencer => new AuditSequencer(transactions, tree, entries);
  const newTenant = async (): Promise<{ id: string; slug: string }> => {
    const slug = `audit-${randomBytes(5).toString('hex')}`;
    const rows = await transactions.reader.query<{ id: string }[]>(
      'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
      [slug],
    );
    return { id: rows[0].id, slug };
  };
  const event = (tenantId: string, n: number, subject = 'u-1'): AuditEvent => ({
    tenantId,
    actor: { type: 'user', id: 'u-1' },
    action: 'test.thing.happened',
    subject: { type: 'user', id: subject },
    payload: { n, email: `person${n}@example.com` },
  });
  const recordMany = async (tenantId: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let n = 0; n < count; n += 1) {
      ids.push((await transactions.run((tx) => ledger.record(tx, event(tenantId, n)))).entryId);
    }
    return ids;
  };
  const logOf = async (tenantId: string): Promise<string> => {
    const log = await logs.findByTenant(tenantId);
    if (!log) throw new Error('no log');
    return log.id;
  };
  const leavesOf = async (logId: string): Promise<{ idx: number; entryId: string }[]> =>
    (
      await transactions.reader.query<{ idx: string; entry_id: string }[]>(
        'SELECT idx, entry_id FROM audit_leaves WHERE log_id = $1 ORDER BY idx',
        [logId],
      )
    ).map((r) => ({ idx: Number(r.idx), entryId: String(r.entry_id) }));
  const pendingOf = async (logId: string): Promise<number> =>
    Number(
      (
        await transactions.reader.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM audit_unsequenced_entries WHERE log_id = $1',
          [logId],
        )
      )[0].n,
    );
  /** The leaf hashes recomputed from the stored entries, independently of what the sequencer wrote. */
  const recomputedLeafHashes = async (logId: string, size: number): Promise<Uint8Array[]> =>
    (await entries.findByIndexRange(logId, 0, size)).map((e) =>
      hashLeaf(
        auditLeafBytes({
          recordedAt: e.recordedAt,
          actor: { type: e.actorType, id: e.actorId },
          action: e.action,
          subject: { type: e.subjectType, id: e.subjectId },
          payloadHash: e.payloadHash,
        }),
      ),
    );
  const drain = async (logId: string, using = sequencer): Promise<void> => {
    for (;;) {
      const outcome = await using.integrateBatch(logId);
      if (outcome.status === 'idle') return;
    }
  };

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(
          testConfig({ DATABASE_POOL_SIZE: '30', AUDIT_SIGNING_KEYS: signing.signerKey, ...AS_TABLE_OWNER }),
        ),
        DatabaseModule,
        AuditModule,
      ],
      providers: [{ provide: NOTE_SIGNER_PROVIDER, useValue: signersOf(signing.signerKey) }, AuditCheckpointService],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    ledger = moduleRef.get(AuditLedger);
    sequencer = moduleRef.get(AuditSequencer);
    tree = moduleRef.get(AuditTreeRepository);
    entries = moduleRef.get(AuditEntryRepository);
    logs = moduleRef.get(AuditLogRepository);
    checkpoints = moduleRef.get(AuditCheckpointService);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('commits an entry with the change it describes, and rolls it back with it', async () => {
    const tenant = await newTenant();
    await expect(
      transactions.run(async (tx) => {
        await ledger.record(tx, event(tenant.id, 1));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // Not even the tenant's log exists: it was created by the rolled-back entry.
    expect(await logs.findByTenant(tenant.id)).toBeNull();

    const recorded = await transactions.run((tx) => ledger.record(tx, event(tenant.id, 2)));
    const log = await logs.findByTenant(tenant.id);
    expect(log?.origin).toBe(`verity.local/${tenant.slug}`);
    expect(recorded.logId).toBe(log?.id);
    expect(await pendingOf(recorded.logId)).toBe(1);
  });

  it('refuses a malformed event before writing anything', async () => {
    const tenant = await newTenant();
    const bad: AuditEvent[] = [
      { ...event(tenant.id, 1), action: 'Not An Action' },
      { ...event(tenant.id, 1), actor: { type: 'robot' as 'user', id: 'r' } },
      { ...event(tenant.id, 1), payload: [1, 2] },
      { ...event(tenant.id, 1), payload: { n: Number.NaN } },
      { ...event(tenant.id, 1), tenantId: 'not-a-uuid' },
    ];
    for (const e of bad) {
      await expect(transactions.run((tx) => ledger.record(tx, e))).rejects.toMatchObject({
        code: 'audit/invalid_event',
      });
    }
    expect(await logs.findByTenant(tenant.id)).toBeNull();
  });

  it('gives committed entries gapless indexes 0..n-1 under 20 concurrent writers and two sequencers', async () => {
    const tenant = await newTenant();
    await recordMany(tenant.id, 1);
    const logId = await logOf(tenant.id);
    let writersDone = false;
    const runSequencer = async (instance: AuditSequencer): Promise<void> => {
      for (;;) {
        const outcome = await instance.integrateBatch(logId, {}, 7);
        if (outcome.status === 'idle' && writersDone) return;
        if (outcome.status !== 'integrated') await new Promise((r) => setImmediate(r));
      }
    };
    const sequencers = [runSequencer(newSequencer()), runSequencer(newSequencer())];
    const committed: string[] = [];
    const writers = Array.from({ length: 20 }, (_, writer) =>
      transactions
        .run(async (tx) => {
          const ids: string[] = [];
          for (let n = 0; n < 3; n += 1) ids.push((await ledger.record(tx, event(tenant.id, writer * 10 + n))).entryId);
          // Every fifth transaction fails after recording: its entries must never get an index.
          if (writer % 5 === 4) throw new Error('rolled back');
          return ids;
        })
        .then(
          (ids) => committed.push(...ids),
          () => undefined,
        ),
    );
    await Promise.all(writers);
    writersDone = true;
    await Promise.all(sequencers);

    const leaves = await leavesOf(logId);
    expect(committed).toHaveLength(48);
    expect(leaves.map((l) => l.idx)).toEqual(Array.from({ length: 49 }, (_, i) => i));
    expect(new Set(leaves.map((l) => l.entryId)).size).toBe(49);
    for (const id of committed) expect(leaves.some((l) => l.entryId === id)).toBe(true);
    expect(await pendingOf(logId)).toBe(0);
  });

  it('stores a tree whose root is the RFC 6962 root of every leaf, and every perfect subtree of it', async () => {
    const tenant = await newTenant();
    await recordMany(tenant.id, 37);
    const logId = await logOf(tenant.id);
    for (;;) if ((await sequencer.integrateBatch(logId, {}, 5)).status === 'idle') break;
    const size = await tree.size(logId);
    expect(size).toBe(37);

    const leafHashes = await recomputedLeafHashes(logId, size);
    const stored = await CompactRangeBuilder.resume(size, newSequencer().source(logId));
    expect(hex(stored.root())).toBe(hex(rootFromLeafHashes(leafHashes)));

    const reference = new LeafHashArraySource(leafHashes);
    const nodes = await transactions.reader.query<{ level: number; idx: string; hash: Buffer }[]>(
      'SELECT level, idx, hash FROM audit_nodes WHERE log_id = $1',
      [logId],
    );
    // Every complete subtree above the leaves: 18 + 9 + 4 + 2 + 1 for 37 leaves.
    expect(nodes).toHaveLength(34);
    for (const node of nodes) {
      expect(hex(node.hash), `node ${node.level}/${node.idx}`).toBe(
        hex(reference.subtreeHash(node.level, Number(node.idx))),
      );
    }
  });

  it('lets one sequencer at a time integrate a log: another finds it locked and writes nothing', async () => {
    const tenant = await newTenant();
    await recordMany(tenant.id, 2);
    const logId = await logOf(tenant.id);
    await transactions.run(async (tx) => {
      expect(await tree.tryLock(tx, logId)).toBe(true);
      expect(await newSequencer().integrateBatch(logId)).toEqual({ status: 'busy' });
      expect(await checkpoints.publishIfDue(logId, { force: true })).toBe('busy');
    });
    expect(await leavesOf(logId)).toEqual([]);
    expect(await newSequencer().integrateBatch(logId)).toEqual({ status: 'integrated', size: 2, count: 2 });
  });

  it('leaves no gap when a sequencer dies mid-batch, and the tree resumes where it stood', async () => {
    const tenant = await newTenant();
    await recordMany(tenant.id, 10);
    const logId = await logOf(tenant.id);
    const first = newSequencer();
    expect(await first.integrateBatch(logId, {}, 4)).toMatchObject({ status: 'integrated', size: 4 });

    const crash = {
      afterLeaves: () => {
        throw new Error('kill -9');
      },
    };
    // The leaves of the batch are written, then the process "dies" before the nodes and the commit.
    await expect(first.integrateBatch(logId, crash, 3)).rejects.toThrow('kill -9');
    expect((await leavesOf(logId)).map((l) => l.idx)).toEqual([0, 1, 2, 3]);
    expect(await pendingOf(logId)).toBe(6);

    // The same process carries on (its frontier from before the failed batch is still the stored one)…
    expect(await first.integrateBatch(logId, {}, 3)).toMatchObject({ status: 'integrated', size: 7 });
    await expect(first.integrateBatch(logId, crash)).rejects.toThrow('kill -9');
    // …and a restarted process resumes from what is stored.
    await drain(logId, newSequencer());
    expect((await leavesOf(logId)).map((l) => l.idx)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const root = (await CompactRangeBuilder.resume(10, newSequencer().source(logId))).root();
    expect(hex(root)).toBe(hex(rootFromLeafHashes(await recomputedLeafHashes(logId, 10))));
    // Both the resumed and the surviving process keep extending the same tree.
    await recordMany(tenant.id, 3);
    await drain(logId, first);
    expect(hex((await CompactRangeBuilder.resume(13, newSequencer().source(logId))).root())).toBe(
      hex(rootFromLeafHashes(await recomputedLeafHashes(logId, 13))),
    );
  });

  it('signs C2SP checkpoints that verify, extend each other, and carry both keys during a rotation', async () => {
    const tenant = await newTenant();
    await recordMany(tenant.id, 5);
    const logId = await logOf(tenant.id);
    await drain(logId);
    expect(await checkpoints.publishIfDue(logId)).toBe('published');
    expect(await checkpoints.publishIfDue(logId)).toBe('current');

    const repository = moduleRef.get(AuditCheckpointRepository);
    const verifier = Ed25519NoteVerifier.fromVerifierKey(signing.verifierKey);
    const first = openCheckpoint((await repository.latest(logId))?.note ?? '', [verifier], {
      origin: `verity.local/${tenant.slug}`,
    }).checkpoint;
    expect(first.size).toBe(5);
    expect(hex(first.rootHash)).toBe(hex(rootFromLeafHashes(await recomputedLeafHashes(logId, 5))));

    await recordMany(tenant.id, 4);
    await drain(logId);
    expect(await checkpoints.publishIfDue(logId, { force: true })).toBe('published');
    const second = openCheckpoint((await repository.latest(logId))?.note ?? '', [verifier]).checkpoint;
    expect(second.size).toBe(9);
    const proof = await consistencyProof(5, 9, newSequencer().source(logId));
    expect(verifyConsistency(5, 9, proof, first.rootHash, second.rootHash).toSize).toBe(9);

    // Rotation: a worker configured with the old and a new key re-signs the same tree at once, with both.
    const next = generateNoteKeyPair('verity.local');
    const rotating = new AuditCheckpointService(
      transactions,
      tree,
      repository,
      logs,
      signersOf(signing.signerKey, next.signerKey),
      moduleRef.get(AppConfig),
      moduleRef.get(AuditPublicationFailureRepository),
    );
    expect(await rotating.publishIfDue(logId)).toBe('published');
    const rotated = (await repository.latest(logId))?.note ?? '';
    expect(openCheckpoint(rotated, [verifier]).checkpoint.size).toBe(9);
    expect(openCheckpoint(rotated, [Ed25519NoteVerifier.fromVerifierKey(next.verifierKey)]).checkpoint.size).toBe(9);
    expect((await repository.verifierKeys()).map((k) => k.verifierKey)).toEqual(
      expect.arrayContaining([signing.verifierKey, next.verifierKey]),
    );
  });

  it('refuses to sign a tree that no longer extends its last checkpoint (a stored node was rewritten)', async () => {
    const tenant = await newTenant();
    await recordMany(tenant.id, 6);
    const logId = await logOf(tenant.id);
    await drain(logId);
    expect(await checkpoints.publishIfDue(logId)).toBe('published');
    const original = await tree.subtreeHashes(logId, [{ level: 1, index: 2 }]);
    const rewrite = (hash: Uint8Array): Promise<void> =>
      transactions.run(async (tx) => {
        await tx.query('SELECT audit_begin_maintenance($1, $2)', [tenant.id, 'test: rewrite a stored tree node']);
        await tx.query('UPDATE audit_nodes SET hash = $2 WHERE log_id = $1 AND level = 1 AND idx = 2', [
          logId,
          Buffer.from(hash),
        ]);
      });
    await rewrite(randomBytes(32));
    try {
      await drain(logId, newSequencer());
      await expect(checkpoints.publishIfDue(logId, { force: true })).rejects.toMatchObject({
        code: 'audit/tree_inconsistent',
      });
    } finally {
      // Put the node back so the shared test database holds no broken log.
      await rewrite(original.get('1/2') ?? new Uint8Array());
    }
  });
});
