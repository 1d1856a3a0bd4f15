import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createEvidenceFixture,
  FIXTURE_ENTRY_COUNT,
  FIXTURE_ERASED_INDEX,
  FIXTURE_FIRST_INDEX,
  FIXTURE_LOG_SIZE,
  FIXTURE_ORIGIN,
  flipByte,
} from './evidence-pack.fixture.js';
import { EvidencePackVerifier } from './evidence-pack.verifier.js';
import { EvidencePackWriter } from './evidence-pack.writer.js';

const fixture = await createEvidenceFixture();
const verifier = new EvidencePackVerifier();
const scratch = await mkdtemp(join(tmpdir(), 'verity-evidence-verifier-'));
const packDir = join(scratch, 'pack');
await new EvidencePackWriter().write(packDir, fixture.input);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let copies = 0;
/** A fresh copy of the written pack, so that each case tampers with its own. */
async function copyOfPack(): Promise<string> {
  copies += 1;
  const target = join(scratch, `copy-${copies}`);
  await cp(packDir, target, { recursive: true });
  return target;
}

describe('EvidencePackVerifier', () => {
  it('verifies an untouched pack and reports every entry, the checkpoint and the anchors', async () => {
    const report = await verifier.verifyDirectory(packDir);

    expect(report.failure).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.summary).toEqual({
      entries: FIXTURE_ENTRY_COUNT,
      verified: FIXTURE_ENTRY_COUNT - 1,
      erased: 1,
      failed: 0,
      anchorsVerified: 2,
      anchorsUnchecked: 1,
    });
    expect(report.entries.map(({ index }) => index)).toEqual(
      Array.from({ length: FIXTURE_ENTRY_COUNT }, (_, i) => FIXTURE_FIRST_INDEX + i),
    );
    expect(report.entries.find(({ index }) => index === FIXTURE_ERASED_INDEX)?.status).toBe('erased');
    expect(report.checkpoint).toMatchObject({
      origin: FIXTURE_ORIGIN,
      size: FIXTURE_LOG_SIZE,
      rootHash: fixture.manifest.checkpoint.rootHash,
      witnessQuorum: 2,
    });
    expect(report.checkpoint?.logSignatures).toHaveLength(1);
    expect(report.checkpoint?.witnessCosignatures.map(({ key }) => key.split('+')[0])).toEqual([
      'witness.example/w1',
      'witness.example/w2',
    ]);
    expect(report.anchors.map(({ kind, status }) => [kind, status])).toEqual([
      ['rfc3161', 'verified'],
      ['write-once-directory', 'verified'],
      ['s3-object-lock', 'unchecked'],
    ]);
    expect(report.anchors[0].time).toBe('2026-01-31T09:15:02Z');
  });

  // The brief of every tampering test: one flipped byte anywhere is named, on disk, in a copy of the written pack.
  it.each([...fixture.files.keys()].sort())('names one flipped byte of %s on disk', async (path) => {
    const copy = await copyOfPack();
    const bytes = new Uint8Array(await readFile(join(copy, path)));
    const manifestFormatAt = new TextDecoder().decode(bytes).indexOf('verity-evidence-pack');
    await writeFile(join(copy, path), flipByte(bytes, path === 'manifest.json' ? manifestFormatAt : undefined));

    const report = await verifier.verifyDirectory(copy);

    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject(
      path === 'manifest.json'
        ? { code: 'evidence/manifest_invalid', file: 'manifest.json' }
        : { code: 'evidence/file_hash_mismatch', file: path },
    );
  });

  it('refuses a link inside the pack, even to a file with the listed contents', async () => {
    const copy = await copyOfPack();
    await symlink(join(copy, 'keys.txt'), join(copy, 'keys-link.txt'));

    const report = await verifier.verifyDirectory(copy);

    expect(report.failure).toMatchObject({ code: 'evidence/unlisted_file', file: 'keys-link.txt' });
  });

  it('rejects a folder that does not exist rather than reporting it verified', async () => {
    await expect(verifier.verifyDirectory(join(scratch, 'no-such-pack'))).rejects.toThrow(/ENOENT/);
  });

  it('tells every tampering case apart by the check it breaks', () => {
    // Each case has a name starting with what was changed; the catalogue covers every file of the pack.
    const flipped = fixture.cases.filter(({ name }) => name.startsWith('one byte of ')).map(({ name }) => name);
    for (const path of fixture.files.keys())
      expect(flipped.some((name) => name.startsWith(`one byte of ${path}`))).toBe(true);
  });

  it.each(fixture.cases.map((tamper) => [tamper.name, tamper] as const))('%s', (_, tamper) => {
    const report = verifier.verify({ files: tamper.files, specialPaths: [] }, tamper.options);

    if (tamper.code === undefined) {
      expect(report.failure).toBeUndefined();
      expect(report.ok).toBe(true);
      return;
    }
    expect(report.ok).toBe(false);
    expect(report.failure?.code).toBe(tamper.code);
    if (tamper.file !== undefined) expect(report.failure?.file).toBe(tamper.file);
    if (tamper.index !== undefined) {
      expect(report.failure?.index).toBe(tamper.index);
      // The other entries are still checked and reported, so the auditor sees how far the damage goes.
      expect(report.entries.filter(({ status }) => status === 'failed').map(({ index }) => index)).toContain(
        tamper.index,
      );
    }
  });

  it('reports a withheld payload as erased, never as verified', () => {
    const withheld = fixture.cases.find(({ name }) => name.startsWith('a payload withheld'));
    const report = verifier.verify({ files: withheld?.files ?? new Map(), specialPaths: [] });

    expect(report.ok).toBe(true);
    expect(report.summary.erased).toBe(2);
    expect(report.entries.find(({ index }) => index === 11)?.status).toBe('erased');
  });
});
