import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { WitnessStateStore } from './witness-state.store.js';
import type { WitnessLogState } from './witness.types.js';

const ORIGIN = 'verity.example/audit/tenant-1';

function state(size: number, label = 'root'): WitnessLogState {
  return {
    origin: ORIGIN,
    size,
    rootHash: hashLeaf(new TextEncoder().encode(`${label} ${size}`)),
    checkpoint: `${ORIGIN}\n${size}\n…\n`,
    updatedAt: new Date(0).toISOString(),
  };
}

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('WitnessStateStore', () => {
  let directory: string;
  let store: WitnessStateStore;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'verity-witness-state-'));
    store = await WitnessStateStore.open(directory);
  });

  afterEach(async () => {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('writes one private JSON file per log, named by the hash of its origin, and leaves no temporary file', async () => {
    await store.withLog(ORIGIN, (_, commit) => commit(state(3)));
    await store.withLog(ORIGIN, (_, commit) => commit(state(9)));
    const stem = createHash('sha256').update(ORIGIN).digest('hex');
    expect((await readdir(directory)).sort()).toEqual([`${stem}.json`, 'witness.lock']);
    const json = JSON.parse(await readFile(join(directory, `${stem}.json`), 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ version: 1, origin: ORIGIN, size: 9 });
    expect((await stat(join(directory, `${stem}.json`))).mode & 0o777).toBe(0o600);
    expect((await store.read(ORIGIN))?.size).toBe(9);
  });

  it('refuses to shrink or to replace the root at the same size, whatever the caller decided', async () => {
    await store.withLog(ORIGIN, (_, commit) => commit(state(5)));
    expect(await codeOf(() => store.withLog(ORIGIN, (_, commit) => commit(state(4))))).toBe(
      'audit/witness_size_conflict',
    );
    expect(await codeOf(() => store.withLog(ORIGIN, (_, commit) => commit(state(5, 'other'))))).toBe(
      'audit/witness_fork',
    );
    await store.withLog(ORIGIN, (_, commit) => commit(state(5)));
    expect((await store.read(ORIGIN))?.size).toBe(5);
  });

  it('refuses a state file that is damaged or belongs to another origin', async () => {
    await store.withLog(ORIGIN, (_, commit) => commit(state(2)));
    const path = join(directory, `${createHash('sha256').update(ORIGIN).digest('hex')}.json`);
    await writeFile(path, '{"version":1,');
    expect(await codeOf(() => store.read(ORIGIN))).toBe('audit/witness_state_corrupt');
    await writeFile(path, JSON.stringify({ version: 1, origin: 'elsewhere', size: 2 }));
    expect(await codeOf(() => store.withLog(ORIGIN, () => Promise.resolve()))).toBe('audit/witness_state_corrupt');
  });

  it('keeps a second store off the directory while the first is open, and takes over a dead holder', async () => {
    expect(await codeOf(() => WitnessStateStore.open(directory))).toBe('audit/witness_state_locked');
    await store.close();

    const exited = spawnSync(process.execPath, ['-e', '']);
    await writeFile(join(directory, 'witness.lock'), `${exited.pid}\n`);
    store = await WitnessStateStore.open(directory);
    expect((await readFile(join(directory, 'witness.lock'), 'utf8')).trim()).toBe(String(process.pid));
  });

  it('appends evidence lines and never rewrites them', async () => {
    const evidence = {
      kind: 'fork' as const,
      origin: ORIGIN,
      stored: { size: 1, rootHash: 'a', checkpoint: 'stored' },
      submitted: { oldSize: 1, proof: [], checkpoint: 'submitted' },
    };
    await store.recordEvidence(evidence);
    await store.recordEvidence({ ...evidence, kind: 'inconsistent_proof' });
    const recorded = await store.readEvidence(ORIGIN);
    expect(recorded.map(({ kind }) => kind)).toEqual(['fork', 'inconsistent_proof']);
    expect(recorded[0]).toMatchObject(evidence);
  });
});
