import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Ed25519CosignatureVerifier,
  Ed25519NoteSigner,
  formatCheckpoint,
  generateNoteKeyPair,
  hashLeaf,
  signNote,
  WitnessClient,
  type WitnessLogger,
} from '@domains/audit';
import { CliUsageError } from './cli.command.js';
import { generateWitnessKey, serveWitness } from './witness.command.js';

const ORIGIN = 'verity.example/audit/tenant-1';
const quiet: WitnessLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function keygen(name: string, out: string): Promise<string> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
  try {
    expect(await generateWitnessKey(['--name', name, '--out', out])).toBe(0);
  } finally {
    log.mockRestore();
  }
  return printed.join('\n');
}

/** Runs `verity witness` until the returned stop function is called; resolves once it listens. */
async function startWitness(args: readonly string[]): Promise<{ url: string; stop: () => Promise<number> }> {
  const controller = new AbortController();
  let listening: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => {
    listening = resolve;
  });
  const exit = serveWitness(args, { signal: controller.signal, onListening: listening, logger: quiet });
  return {
    url: await Promise.race([url, exit.then((code) => Promise.reject(new Error(`exited with ${code}`)))]),
    stop: () => {
      controller.abort();
      return exit;
    },
  };
}

describe('verity witness', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verity-witness-cli-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keygen writes a private key file (0600) once and prints the verifier key', async () => {
    const keyFile = join(dir, 'witness.key');
    const verifierKey = await keygen('witness.verity.example', keyFile);
    expect(verifierKey).toMatch(/^witness\.verity\.example\+[0-9a-f]{8}\+/);
    expect(Ed25519CosignatureVerifier.fromVerifierKey(verifierKey).verifierKey).toBe(verifierKey);
    expect((await readFile(keyFile, 'utf8')).startsWith('PRIVATE+KEY+witness.verity.example+')).toBe(true);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    await expect(generateWitnessKey(['--name', 'witness.verity.example', '--out', keyFile])).rejects.toThrow(
      CliUsageError,
    );
  });

  it('serves add-checkpoint until stopped, and a restart continues from the state directory', async () => {
    const keyFile = join(dir, 'witness.key');
    const verifierKey = await keygen('witness.verity.example', keyFile);
    const log = generateNoteKeyPair(ORIGIN);
    const signer = Ed25519NoteSigner.fromSignerKey(log.signerKey);
    const args = ['--key', keyFile, '--state', join(dir, 'state'), '--log', log.verifierKey];
    const running = await startWitness([...args, '--name', 'witness.verity.example', '--port', '0']);

    const leaf = hashLeaf(new TextEncoder().encode('first entry'));
    const note = await signNote(formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: leaf }), [signer]);
    const cosignature = await new WitnessClient({ url: running.url, verifierKey }).submit(note, () =>
      Promise.resolve([]),
    );
    expect(cosignature.line.startsWith('\u2014 witness.verity.example ')).toBe(true);
    expect(await (await fetch(`${running.url}/`)).text()).toContain(`log ${ORIGIN}`);
    expect(await running.stop()).toBe(0);

    const restarted = await startWitness([...args, '--name', 'witness.verity.example', '--port', '0']);
    const conflict = await fetch(`${restarted.url}/add-checkpoint`, { method: 'POST', body: `old 0\n\n${note}` });
    expect(conflict.status).toBe(409);
    expect(await conflict.text()).toBe('1\n');
    expect(await restarted.stop()).toBe(0);
  });

  it('refuses missing options, a key whose name is not --name, and malformed log keys', async () => {
    const keyFile = join(dir, 'witness.key');
    await keygen('witness.verity.example', keyFile);
    const log = generateNoteKeyPair(ORIGIN);
    const signal = new AbortController().signal;
    const base = ['--key', keyFile, '--state', join(dir, 'state')];
    const attempts = [
      [...base, '--name', 'witness.verity.example'],
      [...base, '--log', log.verifierKey, '--name', 'someone.else'],
      [...base, '--log', 'not+a+key', '--name', 'witness.verity.example'],
      [...base, '--log', log.verifierKey, '--name', 'witness.verity.example', '--port', '70000'],
      [...base, '--log', log.verifierKey, '--name', 'witness.verity.example', '--colour'],
    ];
    for (const args of attempts) {
      await expect(serveWitness(args, { signal, logger: quiet })).rejects.toThrow(CliUsageError);
    }
  });
});
