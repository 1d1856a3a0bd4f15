import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateCosignatureKeyPair } from '../cosignature/cosignature-key.generator.js';
import { Ed25519CosignatureSigner } from '../cosignature/ed25519-cosignature.signer.js';
import { Ed25519CosignatureVerifier } from '../cosignature/ed25519-cosignature.verifier.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import type { NoteKeyPair } from '../note/note-key.generator.js';
import { TestLog } from './test-log.fixture.js';
import { WitnessStateStore } from './witness-state.store.js';
import { WitnessPolicy } from './witness.policy.js';
import { WitnessServer } from './witness.server.js';
import { WitnessService, witnessedLogsFromVerifierKeys } from './witness.service.js';

const ORIGIN = 'verity.example/audit/tenant-1';

interface RunningWitness {
  readonly url: string;
  readonly key: NoteKeyPair;
  readonly server: WitnessServer;
  readonly store: WitnessStateStore;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('WitnessPolicy', () => {
  const log = new TestLog(ORIGIN);
  const root = join(tmpdir(), `verity-witness-policy-${process.pid}`);
  const running: RunningWitness[] = [];
  let downUrl: string;
  let hanging: Server;
  let hangingUrl: string;
  const downKey = generateCosignatureKeyPair('down.witness.example');
  const hangingKey = generateCosignatureKeyPair('slow.witness.example');

  beforeAll(async () => {
    for (const name of ['w1.witness.example', 'w2.witness.example']) {
      const key = generateCosignatureKeyPair(name);
      const store = await WitnessStateStore.open(await mkdtemp(`${root}-${name}-`));
      const service = new WitnessService({
        cosigners: [Ed25519CosignatureSigner.fromSignerKey(key.signerKey)],
        logs: witnessedLogsFromVerifierKeys([log.verifierKey]),
        state: store,
      });
      const server = new WitnessServer(service);
      running.push({ url: await server.listen(0, '127.0.0.1'), key, server, store });
    }
    // A port that was just released: connections are refused, like a witness that is down.
    const released = createServer();
    downUrl = await listen(released);
    await close(released);
    // A witness that accepts the request and never answers.
    hanging = createServer(() => undefined);
    hangingUrl = await listen(hanging);
  });

  afterAll(async () => {
    await close(hanging);
    for (const { server, store } of running) {
      await server.close();
      await store.close();
      await rm(store.directory, { recursive: true, force: true });
    }
  });

  function policy(threshold: number, timeoutMs = 5_000): WitnessPolicy {
    return new WitnessPolicy({
      threshold,
      timeoutMs,
      witnesses: [
        ...running.map(({ url, key }) => ({ url, verifierKey: key.verifierKey })),
        { url: downUrl, verifierKey: downKey.verifierKey },
      ],
    });
  }

  it('is satisfied with 2 of 3 when one witness is down, and publishes the note with both cosignatures', async () => {
    log.append(5);
    const note = await log.checkpoint();
    const result = await policy(2).collect(note, log.proofsTo());
    expect(result.satisfied).toBe(true);
    expect(result.cosignatures.map(({ name }) => name)).toEqual(['w1.witness.example', 'w2.witness.example']);
    expect(result.failures).toEqual([
      expect.objectContaining({ url: downUrl, name: 'down.witness.example', code: 'audit/witness_unavailable' }),
    ]);

    const verifiers = [
      Ed25519NoteVerifier.fromVerifierKey(log.verifierKey),
      ...running.map(({ key }) => Ed25519CosignatureVerifier.fromVerifierKey(key.verifierKey)),
    ];
    const opened = openCheckpoint(result.noteText, verifiers);
    expect(opened.signatures.map(({ name }) => name)).toEqual([ORIGIN, 'w1.witness.example', 'w2.witness.example']);
    expect(result.noteText.startsWith(note)).toBe(true);
  });

  it('is not satisfied with 3 of 3 when one witness is down, and still reports what it collected', async () => {
    log.append(3);
    const result = await policy(3).collect(await log.checkpoint(), log.proofsTo());
    expect(result.satisfied).toBe(false);
    expect(result.cosignatures).toHaveLength(2);
  });

  it('counts a witness that does not answer in time as missing', async () => {
    log.append(2);
    const slow = new WitnessPolicy({
      threshold: 2,
      timeoutMs: 300,
      witnesses: [
        ...running.map(({ url, key }) => ({ url, verifierKey: key.verifierKey })),
        { url: hangingUrl, verifierKey: hangingKey.verifierKey },
      ],
    });
    const result = await slow.collect(await log.checkpoint(), log.proofsTo());
    expect(result.satisfied).toBe(true);
    expect(result.failures).toEqual([
      expect.objectContaining({ name: 'slow.witness.example', code: 'audit/witness_unavailable' }),
    ]);
  });

  it('replaces older cosignatures of its witnesses instead of stacking them', async () => {
    const first = await policy(2).collect(await log.checkpoint(), log.proofsTo());
    const again = await policy(2).collect(first.noteText, log.proofsTo());
    expect(again.noteText.match(/\u2014 w1\.witness\.example /g)).toHaveLength(1);
    expect(again.noteText.match(/\u2014 w2\.witness\.example /g)).toHaveLength(1);
  });

  it('refuses a threshold above n and a witness key configured twice', () => {
    expect(() => policy(4)).toThrow(/threshold/);
    const [{ url, key }] = running;
    expect(
      () =>
        new WitnessPolicy({
          threshold: 1,
          witnesses: [
            { url, verifierKey: key.verifierKey },
            { url: `${url}/`, verifierKey: key.verifierKey },
          ],
        }),
    ).toThrow(/twice/);
  });
});
