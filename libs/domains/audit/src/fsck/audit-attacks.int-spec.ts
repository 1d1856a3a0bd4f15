import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import { AuditModule } from '../audit.module.js';
import { canonicalJsonBytes } from '../canonical/canonical-json.encoder.js';
import { AuditCheckpointRepository } from '../checkpoint/audit-checkpoint.repository.js';
import { AuditCheckpointService } from '../checkpoint/audit-checkpoint.service.js';
import { NOTE_SIGNER_PROVIDER, loadNoteSigners } from '../checkpoint/note-signer.provider.js';
import { generateCosignatureKeyPair } from '../cosignature/cosignature-key.generator.js';
import { Ed25519CosignatureSigner } from '../cosignature/ed25519-cosignature.signer.js';
import { AuditErasureService } from '../erasure/audit-erasure.service.js';
import { auditLeafBytes, saltedPayloadHash } from '../ledger/audit-leaf.codec.js';
import { AuditLedger } from '../ledger/audit-ledger.service.js';
import { AuditLogRepository } from '../ledger/audit-log.repository.js';
import { formatCheckpoint, parseCheckpoint } from '../note/checkpoint.codec.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteSigner } from '../note/ed25519-note.signer.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { parseSignedNote } from '../note/signed-note.codec.js';
import { signNote } from '../note/signed-note.signer.js';
import { consistencyProof } from '../proof/consistency-proof.builder.js';
import { verifyConsistency } from '../proof/consistency-proof.verifier.js';
import { AuditSequencer } from '../sequencer/audit-sequencer.service.js';
import { CompactRangeBuilder } from '../tree/compact-range.builder.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { WitnessStateStore } from '../witness/witness-state.store.js';
import { WitnessService } from '../witness/witness.service.js';
import { AuditFsckService } from './audit-fsck.service.js';

const signing = generateNoteKeyPair('verity.local');
const officer = { type: 'user', id: 'officer-1' } as const;
/** The tables a log's rows live in, children first (the order rows are removed in, and restored in reverse). */
const LOG_TABLES = ['audit_unsequenced_entries', 'audit_leaves', 'audit_nodes', 'audit_checkpoints', 'audit_entries'];

/**
 * A superuser session that bypasses the write-once triggers (`session_replication_role = replica` disables them, and
 * the foreign-key triggers, for this connection only), as an attacker with database access would. It keeps a copy of
 * a log's rows in temporary tables so every test can put the log back and leave the shared database clean.
 */
class Attacker {
  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<Attacker> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('SET session_replication_role = replica');
    return new Attacker(client);
  }

  async query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }

  async snapshot(logId: string): Promise<void> {
    for (const table of LOG_TABLES) {
      await this.query(`CREATE TEMP TABLE saved_${table} AS SELECT * FROM ${table} WHERE log_id = $1`, [logId]);
    }
  }

  async restore(logId: string): Promise<void> {
    for (const table of LOG_TABLES) await this.query(`DELETE FROM ${table} WHERE log_id = $1`, [logId]);
    for (const table of [...LOG_TABLES].reverse()) {
      await this.query(`INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM saved_${table}`);
    }
  }

  /** Ends the session: its temporary tables and its replica role go with it. */
  async close(): Promise<void> {
    await this.client.end();
  }
}

describe('attacks on the audit ledger by a superuser who bypasses the triggers (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let ledger: AuditLedger;
  let fsck: AuditFsckService;
  let databaseUrl: string;

  const newTenant = async (): Promise<string> =>
    (
      await transactions.reader.query<{ id: string }[]>(
        'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
        [`attack-${randomBytes(5).toString('hex')}`],
      )
    )[0].id;
  const record = (tenantId: string, n: number, subjectId = `cus-${n}`): Promise<unknown> =>
    transactions.run((tx) =>
      ledger.record(tx, {
        tenantId,
        actor: officer,
        action: 'customers.profile.updated',
        subject: { type: 'customer', id: subjectId },
        payload: { n, name: `Customer ${n}` },
      }),
    );
  const recordMany = async (tenantId: string, from: number, count: number): Promise<void> => {
    for (let n = from; n < from + count; n += 1) await record(tenantId, n);
  };
  /** Integrates everything waiting and signs a checkpoint over it; returns the log id. */
  const integrateAndSign = async (tenantId: string): Promise<string> => {
    const logId = (await moduleRef.get(AuditLogRepository).findByTenant(tenantId))?.id ?? '';
    while ((await moduleRef.get(AuditSequencer).integrateBatch(logId)).status !== 'idle');
    await moduleRef.get(AuditCheckpointService).publishIfDue(logId, { force: true });
    return logId;
  };
  const latestNote = async (logId: string): Promise<string> =>
    (await moduleRef.get(AuditCheckpointRepository).latest(logId))?.note ?? '';
  /** A log of 7 entries under a checkpoint of size 5 and one of size 7 (sizes chosen so nodes exist on 3 levels). */
  const signedLog = async (): Promise<{ tenantId: string; logId: string }> => {
    const tenantId = await newTenant();
    await recordMany(tenantId, 0, 5);
    await integrateAndSign(tenantId);
    await recordMany(tenantId, 5, 2);
    return { tenantId, logId: await integrateAndSign(tenantId) };
  };
  /** Runs an attack on a snapshot of the log, then puts the log back and shows that fsck passes again. */
  const underAttack = async (
    tenantId: string,
    logId: string,
    attack: (attacker: Attacker) => Promise<void>,
  ): Promise<Awaited<ReturnType<AuditFsckService['check']>>> => {
    const attacker = await Attacker.connect(databaseUrl);
    try {
      await attacker.snapshot(logId);
      await attack(attacker);
      const report = await fsck.check({ tenantId });
      // Small pages cross subtree boundaries: streaming must find the same first failure.
      expect((await fsck.check({ tenantId, pageSize: 2 })).failure).toEqual(report.failure);
      await attacker.restore(logId);
      expect((await fsck.check({ tenantId })).ok).toBe(true);
      return report;
    } finally {
      await attacker.close();
    }
  };
  const leafIdsOf = async (logId: string): Promise<string[]> =>
    (
      await transactions.reader.query<{ entry_id: string }[]>(
        'SELECT entry_id FROM audit_leaves WHERE log_id = $1 ORDER BY idx',
        [logId],
      )
    ).map((r) => String(r.entry_id));

  beforeAll(async () => {
    const config = testConfig({ AUDIT_RETENTION_DAYS: '0', ...AS_TABLE_OWNER });
    databaseUrl = config.values.DATABASE_URL ?? '';
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), DatabaseModule, AuditModule],
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
    fsck = moduleRef.get(AuditFsckService);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('passes an intact log, and reports an erased subject’s entries as erased, not tampered', async () => {
    const tenantId = await newTenant();
    await recordMany(tenantId, 0, 3);
    await record(tenantId, 3, 'cus-0');
    await integrateAndSign(tenantId);
    await moduleRef.get(AuditErasureService).eraseSubject(tenantId, 'customer', 'cus-0', officer);
    const logId = await integrateAndSign(tenantId);
    await record(tenantId, 4);

    const report = await fsck.check({ tenantId });

    expect(report.ok).toBe(true);
    expect(report.failure).toBeUndefined();
    for (const pageSize of [1, 2, 3]) expect(await fsck.check({ tenantId, pageSize })).toEqual(report);
    expect(report.logs).toHaveLength(1);
    // 4 entries, then audit.subject.erased; cus-0's two entries are erased, the rest present; one entry waits.
    expect(report.logs[0]).toMatchObject({
      logId,
      ok: true,
      leaves: 5,
      payloads: { present: 3, erased: 2 },
      nodes: 3,
      checkpoints: 2,
      latestCheckpointSize: 5,
      pending: 1,
    });
  });

  it('names an edited entry (its action changed): fsck/leaf_mismatch at its index', async () => {
    const { tenantId, logId } = await signedLog();
    const victim = (await leafIdsOf(logId))[3];

    const report = await underAttack(tenantId, logId, async (attacker) => {
      await attacker.query(`UPDATE audit_entries SET action = 'customers.profile.viewed' WHERE id = $1`, [victim]);
    });

    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ code: 'fsck/leaf_mismatch', index: 3, entryId: victim, logId });
    expect(report.failure?.message).toContain('customers.profile.viewed');
  });

  it('names a deleted entry row: fsck/entry_missing at its index', async () => {
    const { tenantId, logId } = await signedLog();
    const victim = (await leafIdsOf(logId))[2];

    const report = await underAttack(tenantId, logId, async (attacker) => {
      await attacker.query('DELETE FROM audit_entries WHERE id = $1', [victim]);
    });

    expect(report.failure).toMatchObject({ code: 'fsck/entry_missing', index: 2, entryId: victim });
  });

  it('names a deleted leaf row: fsck/index_gap at the missing index', async () => {
    const { tenantId, logId } = await signedLog();

    const report = await underAttack(tenantId, logId, async (attacker) => {
      await attacker.query('DELETE FROM audit_leaves WHERE log_id = $1 AND idx = 4', [logId]);
    });

    expect(report.failure).toMatchObject({ code: 'fsck/index_gap', index: 4 });
  });

  it('names two leaves swapped (the log reordered): fsck/leaf_mismatch at the first of them', async () => {
    const { tenantId, logId } = await signedLog();
    const ids = await leafIdsOf(logId);

    const report = await underAttack(tenantId, logId, async (attacker) => {
      // Through a free value, because entry_id is unique at every step.
      await attacker.query('UPDATE audit_leaves SET entry_id = -1 WHERE log_id = $1 AND idx = 1', [logId]);
      await attacker.query('UPDATE audit_leaves SET entry_id = $2 WHERE log_id = $1 AND idx = 5', [logId, ids[1]]);
      await attacker.query('UPDATE audit_leaves SET entry_id = $2 WHERE log_id = $1 AND idx = 1', [logId, ids[5]]);
    });

    expect(report.failure).toMatchObject({ code: 'fsck/leaf_mismatch', index: 1, entryId: ids[5] });
  });

  it('names a forged entry inserted into history with a consistent tree rebuilt around it: fsck/checkpoint_root_mismatch', async () => {
    const { tenantId, logId } = await signedLog();
    const firstCheckpointId = (await moduleRef.get(AuditCheckpointRepository).list(logId))[0].id;

    const report = await underAttack(tenantId, logId, async (attacker) => {
      // A well-formed entry, leaf and tree: only the signed checkpoints can tell it was never recorded.
      const salt = randomBytes(32);
      const payload = canonicalJsonBytes({ approved: true });
      const [forged] = await attacker.query<{ id: string; recorded_at: string }>(
        `INSERT INTO audit_entries (log_id, actor_type, actor_id, action, subject_type, subject_id, payload_hash,
                                    payload_salt, payload_clear)
         VALUES ($1, 'user', 'officer-1', 'cases.alert.closed', 'case', 'case-9', $2, $3, $4)
         RETURNING id, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at`,
        [logId, Buffer.from(saltedPayloadHash(salt, payload)), salt, Buffer.from(payload).toString('utf8')],
      );
      const leaf = auditLeafBytes({
        recordedAt: forged.recorded_at,
        actor: officer,
        action: 'cases.alert.closed',
        subject: { type: 'case', id: 'case-9' },
        payloadHash: saltedPayloadHash(salt, payload),
      });
      await attacker.query('UPDATE audit_leaves SET idx = idx + 1000000 WHERE log_id = $1 AND idx >= 2', [logId]);
      await attacker.query('UPDATE audit_leaves SET idx = idx - 999999 WHERE log_id = $1 AND idx >= 1000000', [logId]);
      await attacker.query('INSERT INTO audit_leaves (log_id, idx, entry_id, leaf_hash) VALUES ($1, 2, $2, $3)', [
        logId,
        forged.id,
        Buffer.from(hashLeaf(leaf)),
      ]);
      const leafHashes = await attacker.query<{ leaf_hash: Buffer }>(
        'SELECT leaf_hash FROM audit_leaves WHERE log_id = $1 ORDER BY idx',
        [logId],
      );
      const builder = new CompactRangeBuilder();
      const nodes = leafHashes.flatMap((row) =>
        builder.append(new Uint8Array(row.leaf_hash)).filter((n) => n.level > 0),
      );
      await attacker.query('DELETE FROM audit_nodes WHERE log_id = $1', [logId]);
      for (const node of nodes) {
        await attacker.query('INSERT INTO audit_nodes (log_id, level, idx, hash) VALUES ($1, $2, $3, $4)', [
          logId,
          node.level,
          node.index,
          Buffer.from(node.hash),
        ]);
      }
    });

    expect(report.failure).toMatchObject({
      code: 'fsck/checkpoint_root_mismatch',
      checkpointId: firstCheckpointId,
      checkpointSize: 5,
    });
  });

  it('names a rewritten tree node by its level and index: fsck/node_mismatch', async () => {
    const { tenantId, logId } = await signedLog();

    const report = await underAttack(tenantId, logId, async (attacker) => {
      await attacker.query('UPDATE audit_nodes SET hash = $2 WHERE log_id = $1 AND level = 1 AND idx = 2', [
        logId,
        randomBytes(32),
      ]);
    });

    expect(report.failure).toMatchObject({ code: 'fsck/node_mismatch', node: { level: 1, index: 2 } });
    expect(report.failure?.message).toContain('leaves 4..5');
  });

  it('names a checkpoint signed by a key the log does not have: fsck/checkpoint_signature_invalid', async () => {
    const { tenantId, logId } = await signedLog();
    const honest = parseCheckpoint(parseSignedNote(await latestNote(logId)).text);
    // The attacker's key carries the log's key name; only the published verifier keys tell it apart.
    const impostor = Ed25519NoteSigner.fromSignerKey(generateNoteKeyPair('verity.local').signerKey);
    const forged = await signNote(formatCheckpoint({ ...honest, rootHash: randomBytes(32) }), [impostor]);

    const report = await underAttack(tenantId, logId, async (attacker) => {
      await attacker.query(
        'INSERT INTO audit_checkpoints (log_id, tree_size, root_hash, note) VALUES ($1, $2, $3, $4)',
        [logId, honest.size, randomBytes(32), forged],
      );
    });

    expect(report.failure).toMatchObject({ code: 'fsck/checkpoint_signature_invalid', checkpointSize: 7 });
    expect(report.failure?.message).toContain('no valid signature from a trusted key');
  });

  it('detects a restored older backup (rollback): fsck passes, but the old checkpoint and the witness refuse it', async () => {
    const tenantId = await newTenant();
    await recordMany(tenantId, 0, 4);
    const logId = await integrateAndSign(tenantId);
    await recordMany(tenantId, 4, 2);
    await integrateAndSign(tenantId);
    const origin = (await moduleRef.get(AuditLogRepository).findByTenant(tenantId))?.origin ?? '';
    const verifiers = [Ed25519NoteVerifier.fromVerifierKey(signing.verifierKey)];
    // An auditor exported (observed) the checkpoint of size 6, and a witness cosigned it.
    const observedNote = await latestNote(logId);
    const observed = openCheckpoint(observedNote, verifiers, { origin }).checkpoint;
    expect(observed.size).toBe(6);
    const witnessDir = await mkdtemp(join(tmpdir(), 'verity-witness-'));
    const state = await WitnessStateStore.open(witnessDir);
    try {
      const witness = new WitnessService({
        cosigners: [Ed25519CosignatureSigner.fromSignerKey(generateCosignatureKeyPair('witness.test').signerKey)],
        logs: [{ origin, verifiers }],
        state,
      });
      await witness.addCheckpoint(0, [], observedNote);

      // The "backup" is the log before its last two entries: they, their leaves and nodes, and the checkpoint that
      // covers them are gone, as if the database were restored from a dump taken at size 4.
      const attacker = await Attacker.connect(databaseUrl);
      try {
        const gone = (await leafIdsOf(logId)).slice(4);
        await attacker.query('DELETE FROM audit_checkpoints WHERE log_id = $1 AND tree_size > 4', [logId]);
        await attacker.query('DELETE FROM audit_nodes WHERE log_id = $1 AND (idx + 1) * (2 ^ level) > 4', [logId]);
        await attacker.query('DELETE FROM audit_leaves WHERE log_id = $1 AND idx >= 4', [logId]);
        await attacker.query('DELETE FROM audit_entries WHERE id = ANY($1::bigint[])', [gone]);
      } finally {
        await attacker.close();
      }

      // Internally the rolled-back log is flawless: fsck cannot see what is no longer there.
      const report = await fsck.check({ tenantId });
      expect(report.ok).toBe(true);
      expect(report.logs[0]).toMatchObject({ leaves: 4, latestCheckpointSize: 4 });

      // The witness refuses the rolled-back checkpoint: it has cosigned size 6 and never goes back.
      const rolledBack = await latestNote(logId);
      await expect(witness.addCheckpoint(4, [], rolledBack)).rejects.toMatchObject({
        code: 'audit/witness_size_conflict',
      });

      // The log regrows to a larger size with other entries and signs it; it no longer extends what was observed.
      await recordMany(tenantId, 100, 3);
      await integrateAndSign(tenantId);
      const regrownNote = await latestNote(logId);
      const regrown = openCheckpoint(regrownNote, verifiers, { origin }).checkpoint;
      expect(regrown.size).toBe(7);
      const proof = await consistencyProof(6, 7, moduleRef.get(AuditSequencer).source(logId));
      expect(() => verifyConsistency(6, 7, proof, observed.rootHash, regrown.rootHash)).toThrow(
        expect.objectContaining({ code: 'audit/proof_root_mismatch' }),
      );
      await expect(witness.addCheckpoint(6, proof, regrownNote)).rejects.toMatchObject({
        code: 'audit/witness_proof_invalid',
      });
      expect((await fsck.check({ tenantId })).ok).toBe(true);
    } finally {
      await state.close();
      await rm(witnessDir, { recursive: true, force: true });
    }
  });

  it('checks every log when no tenant is given, with the first failing log named at the top', async () => {
    const healthy = await signedLog();
    const broken = await signedLog();

    const attacker = await Attacker.connect(databaseUrl);
    try {
      await attacker.snapshot(broken.logId);
      await attacker.query('DELETE FROM audit_leaves WHERE log_id = $1 AND idx = 6', [broken.logId]);
      const report = await fsck.check();
      const byLog = new Map(report.logs.map((log) => [log.logId, log]));
      expect(byLog.get(healthy.logId)?.ok).toBe(true);
      expect(byLog.get(broken.logId)?.failure).toMatchObject({
        code: 'fsck/checkpoint_beyond_tree',
        checkpointSize: 7,
      });
      expect(report.ok).toBe(false);
      expect(report.failure?.logId).toBe(report.logs.find((log) => !log.ok)?.logId);
      await attacker.restore(broken.logId);
    } finally {
      await attacker.close();
    }
  });
});
