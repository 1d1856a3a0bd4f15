import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AuditError, WitnessError } from '../audit.errors.js';
import { generateCosignatureKeyPair } from '../cosignature/cosignature-key.generator.js';
import { Ed25519CosignatureSigner } from '../cosignature/ed25519-cosignature.signer.js';
import { Ed25519CosignatureVerifier } from '../cosignature/ed25519-cosignature.verifier.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { generateNoteKeyPair } from '../note/note-key.generator.js';
import { emptyTreeRoot, hashLeaf, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import { TestLog } from './test-log.fixture.js';
import { WitnessStateStore } from './witness-state.store.js';
import { WitnessService, witnessedLogsFromVerifierKeys } from './witness.service.js';
import type { WitnessLogger, WitnessLogState, WitnessStateStorage } from './witness.types.js';

const ORIGIN = 'verity.example/audit/tenant-1';
const WITNESS_KEY = generateCosignatureKeyPair('witness.verity.example');

interface LoggedEvent {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>> | undefined;
}

function recordingLogger(events: LoggedEvent[]): WitnessLogger {
  return {
    info: (message, fields) => events.push({ level: 'info', message, fields }),
    warn: (message, fields) => events.push({ level: 'warn', message, fields }),
    error: (message, fields) => events.push({ level: 'error', message, fields }),
  };
}

async function refusal(action: () => Promise<unknown>): Promise<{ code: string; storedSize?: number }> {
  try {
    await action();
  } catch (error) {
    if (error instanceof WitnessError) return { code: error.code, storedSize: error.storedSize };
    if (error instanceof AuditError) return { code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('WitnessService', () => {
  let directory: string;
  let store: WitnessStateStore;
  let log: TestLog;
  let events: LoggedEvent[];
  let witness: WitnessService;

  function serviceOn(state: WitnessStateStorage, ...logKeys: string[]): WitnessService {
    return new WitnessService({
      cosigners: [Ed25519CosignatureSigner.fromSignerKey(WITNESS_KEY.signerKey)],
      logs: witnessedLogsFromVerifierKeys(logKeys.length > 0 ? logKeys : [log.verifierKey]),
      state,
      logger: recordingLogger(events),
    });
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'verity-witness-'));
    store = await WitnessStateStore.open(directory);
    log = new TestLog(ORIGIN);
    events = [];
    witness = serviceOn(store);
  });

  afterEach(async () => {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('cosigns the first checkpoint from old size 0 with an empty proof, and remembers it', async () => {
    log.append(5);
    const note = await log.checkpoint();
    const { signatureLines, checkpoint } = await witness.addCheckpoint(0, [], note);
    expect(checkpoint.size).toBe(5);

    const cosigned = openCheckpoint(`${note}${signatureLines}`, [
      Ed25519NoteVerifier.fromVerifierKey(log.verifierKey),
      Ed25519CosignatureVerifier.fromVerifierKey(WITNESS_KEY.verifierKey),
    ]);
    expect(cosigned.signatures.map(({ name }) => name)).toEqual([ORIGIN, 'witness.verity.example']);
    const stored = await store.read(ORIGIN);
    expect(stored).toMatchObject({ origin: ORIGIN, size: 5, checkpoint: note });
    expect(merkleHashesEqual(stored?.rootHash ?? new Uint8Array(), log.root(5))).toBe(true);
  });

  it('follows consistent growth and re-cosigns the same checkpoint', async () => {
    await witness.addCheckpoint(0, [], await log.append(1).checkpoint());
    for (const grow of [1, 6, 9, 1]) {
      const from = log.size;
      log.append(grow);
      await witness.addCheckpoint(from, log.proof(from), await log.checkpoint());
    }
    expect((await store.read(ORIGIN))?.size).toBe(18);
    await witness.addCheckpoint(18, [], await log.checkpoint());
    expect((await store.read(ORIGIN))?.size).toBe(18);
  });

  it('answers a stale old size with a conflict that names the stored size', async () => {
    await witness.addCheckpoint(0, [], await log.append(8).checkpoint());
    log.append(4);
    expect(await refusal(async () => witness.addCheckpoint(0, [], await log.checkpoint()))).toEqual({
      code: 'audit/witness_size_conflict',
      storedSize: 8,
    });
    expect(await refusal(async () => witness.addCheckpoint(5, log.proof(5), await log.checkpoint()))).toEqual({
      code: 'audit/witness_size_conflict',
      storedSize: 8,
    });
    await witness.addCheckpoint(8, log.proof(8), await log.checkpoint());
    expect((await store.read(ORIGIN))?.size).toBe(12);
  });

  it('refuses a consistency proof that does not hold, keeps the evidence and the old state', async () => {
    await witness.addCheckpoint(0, [], await log.append(6).checkpoint());
    log.append(5);
    const proof = log.proof(6);
    proof[0] = hashLeaf(new TextEncoder().encode('forged'));
    const note = await log.checkpoint();
    expect((await refusal(() => witness.addCheckpoint(6, proof, note))).code).toBe('audit/witness_proof_invalid');
    expect((await refusal(() => witness.addCheckpoint(6, log.proof(6).slice(1), note))).code).toBe(
      'audit/witness_proof_invalid',
    );
    expect((await store.read(ORIGIN))?.size).toBe(6);
    const evidence = await store.readEvidence(ORIGIN);
    expect(evidence.map(({ kind }) => kind)).toEqual(['inconsistent_proof', 'inconsistent_proof']);
    expect(evidence[0].submitted.checkpoint).toBe(note);
    expect(events.some(({ level }) => level === 'warn')).toBe(true);
  });

  it('refuses a non-empty proof from size 0, and an empty tree with a root other than the empty hash', async () => {
    log.append(3);
    expect((await refusal(async () => witness.addCheckpoint(0, log.proof(1), await log.checkpoint()))).code).toBe(
      'audit/witness_proof_invalid',
    );
    const emptyWithRoot = await log.checkpoint(0, log.root(3));
    expect((await refusal(() => witness.addCheckpoint(0, [], emptyWithRoot))).code).toBe('audit/witness_proof_invalid');
    await witness.addCheckpoint(0, [], await log.checkpoint(0, emptyTreeRoot()));
    expect((await store.read(ORIGIN))?.size).toBe(0);
  });

  it('refuses unknown logs and checkpoints without a valid signature by the log key', async () => {
    log.append(2);
    const stranger = new TestLog('other.example/log').append(2);
    expect((await refusal(async () => witness.addCheckpoint(0, [], await stranger.checkpoint()))).code).toBe(
      'audit/witness_unknown_log',
    );

    // Same origin, another key: the checkpoint names our log but the log never signed it.
    const impostor = new TestLog(ORIGIN).append(2);
    expect((await refusal(async () => witness.addCheckpoint(0, [], await impostor.checkpoint()))).code).toBe(
      'audit/witness_log_signature_invalid',
    );
    const altered = (await log.checkpoint()).replace(`${ORIGIN}\n2\n`, `${ORIGIN}\n3\n`);
    expect((await refusal(() => witness.addCheckpoint(0, [], altered))).code).toBe(
      'audit/witness_log_signature_invalid',
    );
    expect((await refusal(() => witness.addCheckpoint(0, [], 'not a note'))).code).toBe(
      'audit/witness_request_malformed',
    );
    expect(await store.read(ORIGIN)).toBeUndefined();
  });

  it('accepts either key of a log during a key rotation, and a key listed twice', async () => {
    const rotated = generateNoteKeyPair(ORIGIN);
    const next = new TestLog(ORIGIN, rotated.signerKey).append(4);
    const both = serviceOn(store, log.verifierKey, rotated.verifierKey, log.verifierKey);
    await both.addCheckpoint(0, [], await log.append(4).checkpoint());
    expect(next.root()).toEqual(log.root());
    await both.addCheckpoint(4, [], await next.checkpoint());
  });

  it('refuses an old size above the checkpoint size as malformed', async () => {
    log.append(3);
    expect((await refusal(async () => witness.addCheckpoint(4, [], await log.checkpoint()))).code).toBe(
      'audit/witness_request_malformed',
    );
  });

  it('refuses a fork (same size, other root) loudly, keeps both checkpoints as evidence and its state', async () => {
    const cosigned = await log.append(7).checkpoint();
    await witness.addCheckpoint(0, [], cosigned);
    const forkRoot = new TestLog(ORIGIN).append(7, 'rewritten').root();
    const fork = await log.checkpoint(7, forkRoot);

    expect(await refusal(() => witness.addCheckpoint(7, [], fork))).toEqual({
      code: 'audit/witness_fork',
      storedSize: 7,
    });
    const alarm = events.find(({ level }) => level === 'error');
    expect(alarm?.message).toMatch(/^FORK/);
    expect(alarm?.fields).toMatchObject({
      origin: ORIGIN,
      size: 7,
      storedCheckpoint: cosigned,
      submittedCheckpoint: fork,
    });
    const [evidence] = await store.readEvidence(ORIGIN);
    expect(evidence).toMatchObject({
      kind: 'fork',
      stored: { size: 7, checkpoint: cosigned },
      submitted: { checkpoint: fork },
    });
    expect((await store.read(ORIGIN))?.checkpoint).toBe(cosigned);

    // A smaller tree is refused too: the size the client names no longer matches, so the witness says which it has.
    expect(await refusal(async () => witness.addCheckpoint(7, [], await log.checkpoint(5)))).toEqual({
      code: 'audit/witness_request_malformed',
    });
    expect(await refusal(async () => witness.addCheckpoint(5, [], await log.checkpoint(5)))).toEqual({
      code: 'audit/witness_size_conflict',
      storedSize: 7,
    });
  });

  it('keeps its state across a restart: a new store and service on the same directory continue from it', async () => {
    await witness.addCheckpoint(0, [], await log.append(10).checkpoint());
    await store.close();

    store = await WitnessStateStore.open(directory);
    const restarted = serviceOn(store);
    log.append(3);
    expect(await refusal(async () => restarted.addCheckpoint(0, [], await log.checkpoint()))).toEqual({
      code: 'audit/witness_size_conflict',
      storedSize: 10,
    });
    await restarted.addCheckpoint(10, log.proof(10), await log.checkpoint());
    expect((await store.read(ORIGIN))?.size).toBe(13);
  });

  it('serialises concurrent submissions for one log: no accepted size is lost and the stored size never shrinks', async () => {
    log.append(64);
    const committed: number[] = [];
    const observing: WitnessStateStorage = {
      withLog: (origin, action) =>
        store.withLog(origin, (current, commit) =>
          action(current, async (next: WitnessLogState) => {
            await commit(next);
            committed.push(next.size);
          }),
        ),
      recordEvidence: (evidence) => store.recordEvidence(evidence),
    };
    const shared = serviceOn(observing);
    const notes = new Map<number, string>();
    for (let size = 1; size <= 64; size += 1) notes.set(size, await log.checkpoint(size));

    // Forty clients race with sizes in scrambled order; each answers a conflict like a real client would.
    const targets = Array.from({ length: 40 }, (_, i) => ((i * 37) % 64) + 1);
    const accepted = await Promise.all(
      targets.map(async (target) => {
        let oldSize = 0;
        for (let attempt = 0; attempt < 100; attempt += 1) {
          try {
            await shared.addCheckpoint(
              oldSize,
              oldSize === 0 ? [] : log.proof(oldSize, target),
              notes.get(target) ?? '',
            );
            return target;
          } catch (error) {
            if (!(error instanceof WitnessError) || error.storedSize === undefined) throw error;
            if (error.code !== 'audit/witness_size_conflict' || error.storedSize > target) return undefined;
            oldSize = error.storedSize;
          }
        }
        throw new Error('no progress');
      }),
    );

    const accepts = accepted.filter((size): size is number => size !== undefined);
    expect(committed).toEqual([...committed].sort((a, b) => a - b));
    expect(committed.length).toBe(accepts.length);
    expect((await store.read(ORIGIN))?.size).toBe(Math.max(...accepts));
    expect(Math.max(...accepts)).toBe(Math.max(...targets));
  });
});
