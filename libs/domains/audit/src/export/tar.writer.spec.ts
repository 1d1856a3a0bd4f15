import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TarPathError, TarWriter } from './tar.writer.js';

describe('TarWriter (read back with the system tar)', () => {
  const folders: string[] = [];
  const scratch = (): string => {
    const folder = mkdtempSync(join(tmpdir(), 'verity-tar-'));
    folders.push(folder);
    return folder;
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  // Sizes around the 512-byte block boundary, an empty file, a large one; a path that needs the ustar prefix
  // (longer than 100 bytes) and one with non-ASCII characters.
  const longFolder = `pack/${'f'.repeat(90)}`;
  const files: [string, Uint8Array][] = [
    ['pack/manifest.json', Buffer.from('{"format":"verity-evidence-pack"}\n')],
    ['pack/empty.txt', new Uint8Array(0)],
    ['pack/proofs/511.tlog-proof', randomBytes(511)],
    ['pack/proofs/512.tlog-proof', randomBytes(512)],
    ['pack/proofs/513.tlog-proof', randomBytes(513)],
    ['pack/big.bin', randomBytes(300_000)],
    [`${longFolder}/${'n'.repeat(60)}.json`, randomBytes(1000)],
    ['pack/anchors/zürich-ü.json', Buffer.from('{"kind":"x"}')],
  ];

  const archive = (): Buffer => {
    const writer = new TarWriter(new Date('2026-02-01T10:00:00Z'));
    for (const folder of ['pack', 'pack/proofs', 'pack/anchors', longFolder]) writer.addDirectory(folder);
    for (const [path, data] of files) writer.addFile(path, data);
    return writer.tarGz();
  };

  it('writes a .tar.gz that tar lists and extracts byte for byte', () => {
    const folder = scratch();
    const file = join(folder, 'pack.tar.gz');
    writeFileSync(file, archive());

    const listed = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual([
      'pack/',
      'pack/proofs/',
      'pack/anchors/',
      `${longFolder}/`,
      ...files.map(([path]) => path),
    ]);

    const out = join(folder, 'out');
    execFileSync('mkdir', [out]);
    execFileSync('tar', ['-xzf', file, '-C', out]);
    for (const [path, data] of files) {
      expect(Buffer.compare(readFileSync(join(out, path)), Buffer.from(data)), path).toBe(0);
    }
    expect(statSync(join(out, 'pack/manifest.json')).mode & 0o777).toBe(0o644);
    expect(statSync(join(out, 'pack/proofs')).mode & 0o777).toBe(0o755);
    expect(statSync(join(out, 'pack/manifest.json')).mtime.toISOString()).toBe('2026-02-01T10:00:00.000Z');
  });

  it('refuses paths that would escape the extraction folder or that ustar cannot hold', () => {
    const writer = new TarWriter();
    expect(() => writer.addFile('../evil', new Uint8Array(1))).toThrow(TarPathError);
    expect(() => writer.addFile('/etc/passwd', new Uint8Array(1))).toThrow(TarPathError);
    expect(() => writer.addFile('pack//double', new Uint8Array(1))).toThrow(TarPathError);
    expect(() => writer.addFile(`pack/${'x'.repeat(101)}`, new Uint8Array(1))).toThrow(/too long/);
    writer.addFile('pack/a', new Uint8Array(1));
    expect(() => writer.addFile('pack/a', new Uint8Array(1))).toThrow(/already/);
  });
});
