import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { TestLog } from '../witness/test-log.fixture.js';
import type { AnchoredCheckpoint } from './audit-anchor.types.js';
import { WRITE_ONCE_INDEX_FILE, WriteOnceDirectoryAnchor } from './write-once-directory.anchor.js';

const ORIGIN = 'verity.example/audit/tenant-1';

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('WriteOnceDirectoryAnchor', () => {
  let directory: string;
  let anchor: WriteOnceDirectoryAnchor;
  const log = new TestLog(ORIGIN).append(12);

  async function checkpointAt(size: number): Promise<AnchoredCheckpoint> {
    return { origin: ORIGIN, size, noteText: await log.checkpoint(size) };
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'verity-anchor-dir-'));
    anchor = new WriteOnceDirectoryAnchor(directory);
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes the note to a read-only file named by origin, size and root, indexes it, and verifies it', async () => {
    const checkpoint = await checkpointAt(12);
    const receipt = await anchor.anchor(checkpoint);
    const rootPrefix = Buffer.from(log.root(12)).toString('hex').slice(0, 16);
    expect(receipt).toMatchObject({ kind: 'write-once-directory', origin: ORIGIN, size: 12 });
    expect(receipt.path).toMatch(new RegExp(`^[0-9a-f]{64}/12-${rootPrefix}\\.checkpoint$`));
    expect(await readFile(join(directory, receipt.path), 'utf8')).toBe(checkpoint.noteText);
    expect((await stat(join(directory, receipt.path))).mode & 0o777).toBe(0o444);
    await anchor.verify(JSON.parse(JSON.stringify(receipt)) as typeof receipt, checkpoint.noteText);

    await anchor.anchor(await checkpointAt(7));
    const index = (await readFile(join(directory, WRITE_ONCE_INDEX_FILE), 'utf8')).trim().split('\n');
    expect(index.map((line) => (JSON.parse(line) as { size: number }).size)).toEqual([12, 7]);
  });

  it('refuses to overwrite an anchored checkpoint with a different note, and accepts the same note again', async () => {
    const checkpoint = await checkpointAt(5);
    const first = await anchor.anchor(checkpoint);
    // Same origin, size and root, but other bytes (here, a second signature line): a different note.
    const other = { ...checkpoint, noteText: `${checkpoint.noteText}${checkpoint.noteText.split('\n\n')[1]}` };
    expect(await codeOf(() => anchor.anchor(other))).toBe('audit/anchor_exists');
    expect(await readFile(join(directory, first.path), 'utf8')).toBe(checkpoint.noteText);

    const again = await anchor.anchor(checkpoint);
    expect(again.path).toBe(first.path);
    const index = (await readFile(join(directory, WRITE_ONCE_INDEX_FILE), 'utf8')).trim().split('\n');
    expect(index).toHaveLength(1);
  });

  it('detects a modified or removed file, and a note that is not the anchored one', async () => {
    const checkpoint = await checkpointAt(9);
    const receipt = await anchor.anchor(checkpoint);
    const path = join(directory, receipt.path);
    expect(await codeOf(async () => anchor.verify(receipt, await log.checkpoint(8)))).toBe('audit/anchor_mismatch');

    await chmod(path, 0o644);
    await writeFile(path, checkpoint.noteText.replace(`\n9\n`, `\n10\n`));
    expect(await codeOf(() => anchor.verify(receipt, checkpoint.noteText))).toBe('audit/anchor_mismatch');
    await rm(path);
    expect(await codeOf(() => anchor.verify(receipt, checkpoint.noteText))).toBe('audit/anchor_mismatch');
  });

  it('refuses receipts of another kind or pointing outside its directory, and mislabelled checkpoints', async () => {
    const checkpoint = await checkpointAt(3);
    const receipt = await anchor.anchor(checkpoint);
    expect(await codeOf(() => anchor.verify({ ...receipt, path: '../../etc/passwd' }, checkpoint.noteText))).toBe(
      'audit/anchor_receipt_malformed',
    );
    expect(await codeOf(() => anchor.verify({ ...receipt, kind: 'rfc3161' }, checkpoint.noteText))).toBe(
      'audit/anchor_receipt_malformed',
    );
    expect(await codeOf(() => anchor.anchor({ ...checkpoint, size: 4 }))).toBe('audit/anchor_invalid_checkpoint');
    expect(await codeOf(() => anchor.anchor({ ...checkpoint, noteText: 'not a note' }))).toBe(
      'audit/anchor_invalid_checkpoint',
    );
  });
});
