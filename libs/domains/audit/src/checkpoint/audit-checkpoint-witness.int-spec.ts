import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { AS_TABLE_OWNER, testConfig } from '@platform/testing';
import { AuditModule } from '../audit.module.js';
import { generateCosignatureKeyPair } from '../cosignature/cosignature-key.generator.js';
import { Ed25519CosignatureSigner } from '../cosignature/ed25519-cosignature.signer.js';
import { Ed25519CosignatureVerifier } from '../cosignature/ed25519-cosignature.verifier.js';
import { AuditLedger } from '../ledger/audit-ledger.service.js';
import { AuditLogRepository } from '../ledger/audit-log.repository.js';
import { AuditPublicationFailureRepository } from '../monitoring/audit-publication-failure.repository.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { AuditSequencer } from '../sequencer/audit-sequencer.service.js';
import { WitnessStateStore } from '../witness/witness-state.store.js';
import { WitnessServer } from '../witness/witness.server.js';
import { WitnessService } from '../witness/witness.service.js';
import { AuditCheckpointRepository } from './audit-checkpoint.repository.js';
import { AuditCheckpointService } from './audit-checkpoint.service.js';
import { AUDIT_WITNESS_POLICY, configuredWitnessPolicy } from './audit-witness-policy.provider.js';
import { NOTE_SIGNER_PROVIDER, loadNoteSigners } from './note-signer.provider.js';

interface RunningWitness {
  readonly key: ReturnType<typeof generateCosignatureKeyPair>;
  readonly service: WitnessService;
  readonly store: WitnessStateStore;
  server: WitnessServer;
  url: string;
}

describe('checkpoints cosigned by a k-of-n witness quorum (real PostgreSQL, real witnesses)', () => {
  const signing = generateNoteKeyPair('verity.local');
  const slug = `witnessed-${randomBytes(5).toString('hex')}`;
  const origin = `verity.local/${slug}`;
  const witnesses: RunningWitness[] = [];
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let checkpoints: AuditCheckpointService;
  let stored: AuditCheckpointRepository;
  let failures: AuditPublicationFailureRepository;
  let tenantId: string;
  let logId: string;

  const verifiers = (): (Ed25519NoteVerifier | Ed25519CosignatureVerifier)[] => [
    Ed25519NoteVerifier.fromVerifierKey(signing.verifierKey),
    ...witnesses.map(({ key }) => Ed25519CosignatureVerifier.fromVerifierKey(key.verifierKey)),
  ];

  const recordAndIntegrate = async (count: number): Promise<void> => {
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
  };

  const witnessFailures = async (): Promise<number> =>
    (await failures.totals()).find((t) => t.stage === 'witness')?.failures ?? 0;

  beforeAll(async () => {
    for (const name of ['w1.witness.example', 'w2.witness.example']) {
      const key = generateCosignatureKeyPair(name);
      const store = await WitnessStateStore.open(await mkdtemp(join(tmpdir(), `verity-${name}-`)));
      const service = new WitnessService({
        cosigners: [Ed25519CosignatureSigner.fromSignerKey(key.signerKey)],
        logs: [{ origin, verifiers: [Ed25519NoteVerifier.fromVerifierKey(signing.verifierKey)] }],
        state: store,
      });
      const server = new WitnessServer(service);
      witnesses.push({ key, service, store, server, url: await server.listen(0, '127.0.0.1') });
    }
    const config = testConfig({
      AUDIT_WITNESSES: witnesses.map(({ url, key }) => `${url}|${key.verifierKey}`).join(','),
      AUDIT_WITNESS_QUORUM: '2',
      ...AS_TABLE_OWNER,
    });
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
        { provide: AUDIT_WITNESS_POLICY, inject: [AppConfig], useFactory: configuredWitnessPolicy },
        AuditCheckpointService,
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    checkpoints = moduleRef.get(AuditCheckpointService);
    stored = moduleRef.get(AuditCheckpointRepository);
    failures = moduleRef.get(AuditPublicationFailureRepository);
    tenantId = (
      await transactions.reader.query<{ id: string }[]>(
        'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
        [slug],
      )
    )[0].id;
  });

  afterAll(async () => {
    await moduleRef?.close();
    for (const { server, store } of witnesses) {
      await server.close().catch(() => undefined);
      await store.close();
      await rm(store.directory, { recursive: true, force: true });
    }
  });

  it('publishes a checkpoint only with k valid cosignatures appended to the note', async () => {
    await recordAndIntegrate(3);
    expect(await checkpoints.publishIfDue(logId, { force: true })).toBe('published');
    const latest = await stored.latest(logId);
    const opened = openCheckpoint(latest?.note ?? '', verifiers(), { origin });
    expect(opened.checkpoint.size).toBe(3);
    expect(opened.signatures.map(({ name }) => name)).toEqual([
      'verity.local',
      'w1.witness.example',
      'w2.witness.example',
    ]);
    // Nothing new: the cosigned checkpoint is current, not re-signed on every pass.
    expect(await checkpoints.publishIfDue(logId)).toBe('current');
  });

  it('keeps the previous checkpoint while one of two witnesses is down (k = 2), counts it, and publishes once it is back', async () => {
    const before = await witnessFailures();
    const down = witnesses[1];
    await down.server.close();
    await recordAndIntegrate(2);

    expect(await checkpoints.publishIfDue(logId, { force: true })).toBe('witness_quorum_unmet');
    expect((await stored.latest(logId))?.treeSize).toBe(3);
    expect(await witnessFailures()).toBe(before + 1);
    const ongoing = (await failures.failingLongerThan(0)).filter((f) => f.logId === logId);
    expect(ongoing).toEqual([
      expect.objectContaining({ stage: 'witness', origin, lastError: expect.stringContaining(down.url) as string }),
    ]);

    // The witness restarts on its port with its state; the next pass publishes the grown tree.
    const port = Number(new URL(down.url).port);
    down.server = new WitnessServer(down.service);
    down.url = await down.server.listen(port, '127.0.0.1');
    expect(await checkpoints.publishIfDue(logId, { force: true })).toBe('published');
    const opened = openCheckpoint((await stored.latest(logId))?.note ?? '', verifiers(), { origin });
    expect(opened.checkpoint.size).toBe(5);
    expect(opened.signatures).toHaveLength(3);
    expect((await failures.failingLongerThan(0)).filter((f) => f.logId === logId)).toEqual([]);
    expect(await witnessFailures()).toBe(before + 1);
  });
});
