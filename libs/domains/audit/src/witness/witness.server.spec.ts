import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AuditError, WitnessError } from '../audit.errors.js';
import { generateCosignatureKeyPair } from '../cosignature/cosignature-key.generator.js';
import { cosignatureTimestamp } from '../cosignature/cosignature-message.codec.js';
import { Ed25519CosignatureSigner } from '../cosignature/ed25519-cosignature.signer.js';
import { Ed25519CosignatureVerifier } from '../cosignature/ed25519-cosignature.verifier.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { TestLog } from './test-log.fixture.js';
import { formatAddCheckpointRequest } from './witness-request.codec.js';
import { WitnessStateStore } from './witness-state.store.js';
import { WitnessClient } from './witness.client.js';
import { WitnessServer } from './witness.server.js';
import { WitnessService, witnessedLogsFromVerifierKeys } from './witness.service.js';

const ORIGIN = 'verity.example/audit/tenant-1';
const WITNESS_KEY = generateCosignatureKeyPair('witness.verity.example');

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('WitnessServer with WitnessClient', () => {
  let directory: string;
  let store: WitnessStateStore;
  let server: WitnessServer;
  let url: string;
  let log: TestLog;
  let requests: number;
  const countingFetch: typeof fetch = (input, init) => {
    requests += 1;
    return fetch(input, init);
  };

  async function post(path: string, body: string): Promise<{ status: number; type: string | null; text: string }> {
    const response = await fetch(`${url}${path}`, { method: 'POST', body });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'verity-witness-http-'));
    store = await WitnessStateStore.open(directory);
    log = new TestLog(ORIGIN);
    requests = 0;
    const witness = new WitnessService({
      cosigners: [Ed25519CosignatureSigner.fromSignerKey(WITNESS_KEY.signerKey)],
      logs: witnessedLogsFromVerifierKeys([log.verifierKey]),
      state: store,
    });
    server = new WitnessServer(witness, { maxBodyBytes: 64 * 1024 });
    url = await server.listen(0, '127.0.0.1');
  });

  afterEach(async () => {
    await server.close();
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('returns a verified cosignature that turns the log checkpoint into a cosigned one', async () => {
    const client = new WitnessClient({ url, verifierKey: WITNESS_KEY.verifierKey, fetch: countingFetch });
    log.append(6);
    const note = await log.checkpoint();
    const before = Math.floor(Date.now() / 1000);
    const { line, signature } = await client.submit(note, log.proofsTo());
    expect(line.startsWith('\u2014 witness.verity.example ')).toBe(true);
    expect(cosignatureTimestamp(signature)).toBeGreaterThanOrEqual(before);
    const opened = openCheckpoint(`${note}${line}`, [
      Ed25519NoteVerifier.fromVerifierKey(log.verifierKey),
      Ed25519CosignatureVerifier.fromVerifierKey(WITNESS_KEY.verifierKey),
    ]);
    expect(opened.signatures).toHaveLength(2);

    // The client remembers the size it got cosigned, so growth takes one request with a proof from there.
    log.append(10);
    await client.submit(await log.checkpoint(), log.proofsTo());
    expect(requests).toBe(2);
  });

  it('answers a stale old size with 409 text/x.tlog.size, and the client retries from that size', async () => {
    log.append(5);
    await new WitnessClient({ url, verifierKey: WITNESS_KEY.verifierKey }).submit(
      await log.checkpoint(),
      log.proofsTo(),
    );
    log.append(3);
    const note = await log.checkpoint();

    expect(
      await post('/add-checkpoint', formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: note })),
    ).toEqual({ status: 409, type: 'text/x.tlog.size', text: '5\n' });
    const fresh = new WitnessClient({ url, verifierKey: WITNESS_KEY.verifierKey, fetch: countingFetch });
    const asked: number[] = [];
    await fresh.submit(note, (oldSize) => {
      asked.push(oldSize);
      return Promise.resolve(log.proof(oldSize));
    });
    expect(asked).toEqual([5]);
    expect(requests).toBe(2);
    expect((await store.read(ORIGIN))?.size).toBe(8);
  });

  it('maps refusals to the statuses of c2sp.org/tlog-witness', async () => {
    log.append(4);
    await post(
      '/add-checkpoint',
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: await log.checkpoint() }),
    );
    log.append(4);
    const note = await log.checkpoint();
    const badProof = log.proof(4).map(() => hashLeaf(Uint8Array.of(9)));
    expect(
      (await post('/add-checkpoint', formatAddCheckpointRequest({ oldSize: 4, proof: badProof, checkpoint: note })))
        .status,
    ).toBe(422);

    const impostor = await new TestLog(ORIGIN).append(8).checkpoint();
    expect(
      (
        await post(
          '/add-checkpoint',
          formatAddCheckpointRequest({ oldSize: 4, proof: log.proof(4), checkpoint: impostor }),
        )
      ).status,
    ).toBe(403);
    const unknown = await new TestLog('other.example/log').append(1).checkpoint();
    expect(
      (await post('/add-checkpoint', formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: unknown })))
        .status,
    ).toBe(404);

    expect((await post('/add-checkpoint', 'old 4\nnonsense')).status).toBe(400);
    expect(
      (await post('/add-checkpoint', formatAddCheckpointRequest({ oldSize: 9, proof: [], checkpoint: note }))).status,
    ).toBe(400);
    expect((await post('/add-checkpoint', `old 0\n\n${'x'.repeat(70 * 1024)}`)).status).toBe(413);
    expect((await fetch(`${url}/add-checkpoint`)).status).toBe(405);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
    expect((await store.read(ORIGIN))?.size).toBe(4);
  });

  it('reports the refusal codes to the client, a fork included', async () => {
    const client = new WitnessClient({ url, verifierKey: WITNESS_KEY.verifierKey });
    await client.submit(await log.append(3).checkpoint(), log.proofsTo());
    const fork = await log.checkpoint(3, new TestLog(ORIGIN).append(3, 'rewritten').root());
    let refusal: unknown;
    await client.submit(fork, log.proofsTo(3)).catch((error: unknown) => {
      refusal = error;
    });
    expect(refusal).toBeInstanceOf(WitnessError);
    expect(refusal).toMatchObject({ code: 'audit/witness_fork', storedSize: 3, status: 409 });

    const stranger = new TestLog('other.example/log').append(1);
    expect(await codeOf(async () => client.submit(await stranger.checkpoint(), stranger.proofsTo()))).toBe(
      'audit/witness_unknown_log',
    );
  });

  it('refuses an answer that is not a cosignature by the configured witness key', async () => {
    const other = generateCosignatureKeyPair('witness.verity.example');
    const client = new WitnessClient({ url, verifierKey: other.verifierKey });
    expect(await codeOf(async () => client.submit(await log.append(2).checkpoint(), log.proofsTo()))).toBe(
      'audit/witness_response_invalid',
    );
  });

  it('serves a health page that names the witness key and the logs it follows', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(`cosigner ${WITNESS_KEY.verifierKey}`);
    expect(text).toContain(`log ${ORIGIN}`);
  });
});
