import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';

import { AnchorError } from '../audit.errors.js';
import { encodeBase64 } from '../canonical/base64.codec.js';
import { openAnchoredCheckpoint, receiptString } from './anchored-checkpoint.validator.js';
import type { AnchoredCheckpoint, AnchorReceipt, AuditAnchor } from './audit-anchor.types.js';

export const WRITE_ONCE_DIRECTORY_ANCHOR_KIND = 'write-once-directory';
/** The append-only list of everything anchored, one JSON line each, at the top of the anchor directory. */
export const WRITE_ONCE_INDEX_FILE = 'index.jsonl';

export interface WriteOnceDirectoryReceipt extends AnchorReceipt {
  readonly kind: typeof WRITE_ONCE_DIRECTORY_ANCHOR_KIND;
  readonly origin: string;
  readonly size: number;
  /** Relative to the anchor directory, so the directory can be copied or mounted elsewhere and still verify. */
  readonly path: string;
  /** Hex SHA-256 of the anchored file. */
  readonly sha256: string;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Anchors checkpoints as files in a directory that only ever grows: `<dir>/<sha256(origin)>/<size>-<root
 * prefix>.checkpoint`, created with O_CREAT|O_EXCL (an existing file is never replaced), read-only, fsync'd with its
 * directory, plus one line per checkpoint in an O_APPEND index. Pointed at a WORM mount, a volume with `chattr +a`, or
 * a directory another party copies away, it holds the log to what it published.
 */
export class WriteOnceDirectoryAnchor implements AuditAnchor {
  readonly kind = WRITE_ONCE_DIRECTORY_ANCHOR_KIND;

  constructor(
    readonly directory: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async anchor(checkpoint: AnchoredCheckpoint): Promise<WriteOnceDirectoryReceipt> {
    const { rootHash } = openAnchoredCheckpoint(checkpoint);
    const bytes = new TextEncoder().encode(checkpoint.noteText);
    const originDirectory = createHash('sha256').update(checkpoint.origin, 'utf8').digest('hex');
    const rootPrefix = Buffer.from(rootHash).toString('hex').slice(0, 16);
    const path = join(originDirectory, `${checkpoint.size}-${rootPrefix}.checkpoint`);
    const receipt: WriteOnceDirectoryReceipt = {
      kind: this.kind,
      createdAt: this.clock().toISOString(),
      origin: checkpoint.origin,
      size: checkpoint.size,
      path,
      sha256: sha256Hex(bytes),
    };

    await mkdir(join(this.directory, originDirectory), { recursive: true });
    await syncDirectory(this.directory);
    const written = await this.createOnce(join(this.directory, path), bytes);
    if (!written) return receipt;
    await syncDirectory(join(this.directory, originDirectory));
    await this.appendToIndex({
      createdAt: receipt.createdAt,
      origin: checkpoint.origin,
      size: checkpoint.size,
      rootHash: encodeBase64(rootHash),
      path,
      sha256: receipt.sha256,
    });
    return receipt;
  }

  /**
   * Creates the file, or finds the very same bytes already there (a job re-run after a crash) and reports that
   * nothing was written. Different bytes under the same name are refused: the anchor never overwrites.
   */
  private async createOnce(path: string, bytes: Uint8Array): Promise<boolean> {
    let handle;
    try {
      handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o444);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      const existing = await readFile(path);
      if (Buffer.compare(existing, bytes) === 0) return false;
      throw new AnchorError(
        'audit/anchor_exists',
        `${path} already anchors a different note for this checkpoint; the anchor never overwrites`,
      );
    }
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  }

  private async appendToIndex(line: Readonly<Record<string, string | number>>): Promise<void> {
    const handle = await open(
      join(this.directory, WRITE_ONCE_INDEX_FILE),
      constants.O_CREAT | constants.O_APPEND | constants.O_WRONLY,
      0o644,
    );
    try {
      await handle.writeFile(`${JSON.stringify(line)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncDirectory(this.directory);
  }

  /** Re-reads the anchored file: it must still hash to the receipt and hold exactly `noteText`. */
  async verify(receipt: AnchorReceipt, noteText: string): Promise<void> {
    const path = receiptString(receipt, this.kind, 'path');
    const expected = receiptString(receipt, this.kind, 'sha256');
    const absolute = resolve(this.directory, path);
    const inside = relative(resolve(this.directory), absolute);
    if (isAbsolute(path) || normalize(path) !== path || inside.startsWith(`..${sep}`) || inside === '..') {
      throw new AnchorError('audit/anchor_receipt_malformed', `receipt path ${path} leaves the anchor directory`);
    }
    let stored: Buffer;
    try {
      stored = await readFile(absolute);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
      throw new AnchorError('audit/anchor_mismatch', `the anchored file ${path} is gone`);
    }
    if (sha256Hex(stored) !== expected) {
      throw new AnchorError('audit/anchor_mismatch', `the anchored file ${path} was modified after anchoring`);
    }
    if (Buffer.compare(stored, new TextEncoder().encode(noteText)) !== 0) {
      throw new AnchorError('audit/anchor_mismatch', `the note differs from the one anchored in ${path}`);
    }
  }
}
