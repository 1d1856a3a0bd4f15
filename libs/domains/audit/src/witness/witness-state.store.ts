import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { WitnessError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { isTreeSize } from '../tree/merkle-tree.arithmetic.js';
import { MERKLE_HASH_SIZE, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import type { WitnessEvidence, WitnessLogState, WitnessStateCommit, WitnessStateStorage } from './witness.types.js';

const STATE_VERSION = 1;
const LOCK_FILE = 'witness.lock';

interface StoredStateJson {
  readonly version: number;
  readonly origin: string;
  readonly size: number;
  readonly rootHash: string;
  readonly checkpoint: string;
  readonly updatedAt: string;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function corrupt(origin: string, reason: string, cause?: unknown): WitnessError {
  return new WitnessError(
    'audit/witness_state_corrupt',
    `the stored witness state for ${JSON.stringify(origin)} is unusable: ${reason}`,
    {},
    cause === undefined ? undefined : { cause },
  );
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, which still means the lock is held.
    return errorCode(error) === 'EPERM';
  }
}

/** Makes a rename or a new file in `directory` durable: POSIX only promises that once the directory is fsync'd. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The witness's memory on the local filesystem: one JSON file per log, named by the SHA-256 of its origin (origins are
 * URLs and may hold characters a file name cannot). Each commit writes a temporary file, fsyncs it, renames it over
 * the old one and fsyncs the directory, so after a crash the file holds either the old state or the new one, never a
 * mix, and a cosignature is only returned once the state it vouches for is on disk.
 *
 * Requests for one log are serialised by an in-process lock. A lock file keeps a second witness process off the same
 * directory, since two processes with separate locks could each accept a different successor and roll a log back.
 */
export class WitnessStateStore implements WitnessStateStorage {
  private readonly queues = new Map<string, Promise<void>>();
  private closed = false;

  private constructor(
    readonly directory: string,
    private readonly lockPath: string,
  ) {}

  /** Opens (and creates, mode 0700) the state directory and takes its lock; throws 'audit/witness_state_locked'. */
  static async open(directory: string): Promise<WitnessStateStore> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const lockPath = join(directory, LOCK_FILE);
    await WitnessStateStore.acquireLock(lockPath);
    await syncDirectory(directory);
    return new WitnessStateStore(directory, lockPath);
  }

  private static async acquireLock(lockPath: string): Promise<void> {
    // Two attempts: the second follows the removal of a lock left behind by a process that no longer exists.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const handle = await open(lockPath, 'wx', 0o600);
        try {
          await handle.writeFile(`${process.pid}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        return;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isSafeInteger(holder) && holder > 0 && isProcessAlive(holder)) {
        throw new WitnessError(
          'audit/witness_state_locked',
          `process ${holder} holds ${lockPath}; stop it first (or remove the file if that process is not a witness)`,
        );
      }
      await unlink(lockPath).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    }
    throw new WitnessError('audit/witness_state_locked', `another process took ${lockPath} at the same time`);
  }

  /** Waits for requests in flight and releases the directory lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.queues.values()]);
    await unlink(this.lockPath).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }

  private fileStem(origin: string): string {
    return createHash('sha256').update(origin, 'utf8').digest('hex');
  }

  private statePath(origin: string): string {
    return join(this.directory, `${this.fileStem(origin)}.json`);
  }

  /** The stored state of one log, without taking its lock (for health pages and tests). */
  async read(origin: string): Promise<WitnessLogState | undefined> {
    let text: string;
    try {
      text = await readFile(this.statePath(origin), 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw corrupt(origin, 'the state file cannot be read', error);
    }
    let json: Partial<StoredStateJson>;
    try {
      json = JSON.parse(text) as Partial<StoredStateJson>;
    } catch (error) {
      throw corrupt(origin, 'the state file is not JSON', error);
    }
    const rootHash = typeof json.rootHash === 'string' ? decodeBase64(json.rootHash) : undefined;
    if (
      json.version !== STATE_VERSION ||
      json.origin !== origin ||
      typeof json.size !== 'number' ||
      !isTreeSize(json.size) ||
      rootHash === undefined ||
      rootHash.length !== MERKLE_HASH_SIZE ||
      typeof json.checkpoint !== 'string' ||
      typeof json.updatedAt !== 'string'
    ) {
      throw corrupt(origin, 'the state file does not hold a version 1 state for this origin');
    }
    return { origin, size: json.size, rootHash, checkpoint: json.checkpoint, updatedAt: json.updatedAt };
  }

  async withLog<T>(
    origin: string,
    action: (current: WitnessLogState | undefined, commit: WitnessStateCommit) => Promise<T>,
  ): Promise<T> {
    if (this.closed) throw new WitnessError('audit/witness_state_locked', 'the witness state store is closed');
    const previous = this.queues.get(origin) ?? Promise.resolve();
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.queues.set(origin, tail);
    await previous;
    try {
      let stored = await this.read(origin);
      let open = true;
      const commit: WitnessStateCommit = async (next) => {
        if (!open) throw new Error('a witness state commit must happen while its log lock is held');
        this.assertGrowth(stored, next);
        await this.write(next);
        stored = next;
      };
      try {
        return await action(stored, commit);
      } finally {
        open = false;
      }
    } finally {
      release();
      if (this.queues.get(origin) === tail) this.queues.delete(origin);
    }
  }

  /** The last line of defence: whatever the service decided, the stored tree never shrinks or forks. */
  private assertGrowth(current: WitnessLogState | undefined, next: WitnessLogState): void {
    if (current === undefined) return;
    if (next.origin !== current.origin) throw new Error('a witness state commit must keep its origin');
    if (next.size < current.size) {
      throw new WitnessError(
        'audit/witness_size_conflict',
        `refusing to roll ${JSON.stringify(current.origin)} back from size ${current.size} to ${next.size}`,
        { storedSize: current.size },
      );
    }
    if (next.size === current.size && !merkleHashesEqual(next.rootHash, current.rootHash)) {
      throw new WitnessError(
        'audit/witness_fork',
        `refusing to replace the root of ${JSON.stringify(current.origin)} at size ${current.size}`,
        { storedSize: current.size },
      );
    }
  }

  private async write(state: WitnessLogState): Promise<void> {
    const json: StoredStateJson = {
      version: STATE_VERSION,
      origin: state.origin,
      size: state.size,
      rootHash: encodeBase64(state.rootHash),
      checkpoint: state.checkpoint,
      updatedAt: state.updatedAt,
    };
    const target = this.statePath(state.origin);
    const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'wx', 0o600);
    try {
      try {
        await handle.writeFile(`${JSON.stringify(json, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await syncDirectory(this.directory);
  }

  /** Appends one JSON line to `<origin hash>.evidence.jsonl` (O_APPEND, fsync'd): never rewritten, only extended. */
  async recordEvidence(evidence: WitnessEvidence): Promise<void> {
    const path = join(this.directory, `${this.fileStem(evidence.origin)}.evidence.jsonl`);
    const handle = await open(path, 'a', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ recordedAt: new Date().toISOString(), ...evidence })}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncDirectory(this.directory);
  }

  /** Every piece of evidence recorded for one log, oldest first. */
  async readEvidence(origin: string): Promise<WitnessEvidence[]> {
    const path = join(this.directory, `${this.fileStem(origin)}.evidence.jsonl`);
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return '';
      throw error;
    });
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as WitnessEvidence);
  }
}
