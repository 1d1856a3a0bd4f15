import { gzipSync } from 'node:zlib';

const BLOCK = 512;
const NAME_BYTES = 100;
const PREFIX_BYTES = 155;
/** 8 GiB - 1: the largest size the 11 octal digits of a ustar header can hold. */
const MAX_SIZE = 0o77777777777;

/** A path that the ustar format or a safe extraction cannot carry. */
export class TarPathError extends Error {
  constructor(path: string, reason: string) {
    super(`tar entry ${JSON.stringify(path)}: ${reason}`);
    this.name = 'TarPathError';
  }
}

/** Options of one archive member. */
export interface TarMemberOptions {
  /** Permission bits; 0o644 for files and 0o755 for folders unless given. */
  readonly mode?: number;
  /** Modification time; the writer's `mtime` unless given. */
  readonly mtime?: Date;
}

/**
 * A POSIX ustar archive (IEEE Std 1003.1-1988 as extended by POSIX.1-2001's ustar interchange format), written in
 * memory: plain files and folders with relative `/`-separated paths, each header's name split into `prefix` and
 * `name` when longer than 100 bytes. Enough to carry an evidence pack to `tar -xzf`, with no dependency. Paths are
 * checked so that extracting cannot leave the target folder (no absolute path, no `..`, no empty segment).
 */
export class TarWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly paths = new Set<string>();

  /** @param mtime the modification time of members that do not name their own. */
  constructor(private readonly mtime: Date = new Date()) {}

  addDirectory(path: string, options: TarMemberOptions = {}): this {
    const name = checkedPath(path.endsWith('/') ? path.slice(0, -1) : path);
    this.header(`${name}/`, 0, '5', options.mode ?? 0o755, options.mtime ?? this.mtime);
    return this;
  }

  addFile(path: string, data: Uint8Array, options: TarMemberOptions = {}): this {
    const name = checkedPath(path);
    if (data.length > MAX_SIZE) throw new TarPathError(path, 'is larger than a ustar member can be (8 GiB)');
    this.header(name, data.length, '0', options.mode ?? 0o644, options.mtime ?? this.mtime);
    this.chunks.push(data);
    const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (padding > 0) this.chunks.push(new Uint8Array(padding));
    return this;
  }

  /** The archive: the members, then the two zero blocks that end it. */
  tar(): Buffer {
    return Buffer.concat([...this.chunks, new Uint8Array(2 * BLOCK)]);
  }

  /** The archive compressed with gzip (RFC 1952), as `tar -czf` writes it. */
  tarGz(): Buffer {
    return gzipSync(this.tar());
  }

  private header(path: string, size: number, type: '0' | '5', mode: number, mtime: Date): void {
    if (this.paths.has(path)) throw new TarPathError(path, 'is already in the archive');
    this.paths.add(path);
    const { name, prefix } = splitPath(path);
    const header = Buffer.alloc(BLOCK);
    header.write(name, 0, NAME_BYTES, 'utf8');
    writeOctal(header, 100, 8, mode & 0o7777);
    writeOctal(header, 108, 8, 0); // uid
    writeOctal(header, 116, 8, 0); // gid
    writeOctal(header, 124, 12, size);
    writeOctal(header, 136, 12, Math.max(0, Math.floor(mtime.getTime() / 1000)));
    header.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
    header.write(type, 156, 1, 'ascii');
    header.write('ustar\0', 257, 6, 'ascii');
    header.write('00', 263, 2, 'ascii');
    header.write(prefix, 345, PREFIX_BYTES, 'utf8');
    let sum = 0;
    for (const byte of header) sum += byte;
    // Six octal digits, NUL, space: the form every tar reads.
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
    this.chunks.push(header);
  }
}

function checkedPath(path: string): string {
  if (path.length === 0) throw new TarPathError(path, 'is empty');
  if (path.includes('\0')) throw new TarPathError(path, 'contains NUL');
  if (path.includes('\\')) throw new TarPathError(path, 'uses \\ (use / between folders)');
  if (path.startsWith('/')) throw new TarPathError(path, 'is absolute');
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new TarPathError(path, 'has an empty, "." or ".." segment');
    }
  }
  return path;
}

/** Splits at a `/` so that the name fits 100 bytes and the prefix 155 (UTF-8), as ustar requires. */
function splitPath(path: string): { name: string; prefix: string } {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  if (bytes(path) <= NAME_BYTES) return { name: path, prefix: '' };
  // A folder's trailing `/` belongs to the name; search the separators before it.
  const searchable = path.endsWith('/') ? path.slice(0, -1) : path;
  for (let at = searchable.indexOf('/'); at !== -1; at = searchable.indexOf('/', at + 1)) {
    const prefix = path.slice(0, at);
    const name = path.slice(at + 1);
    if (bytes(prefix) <= PREFIX_BYTES && bytes(name) <= NAME_BYTES) return { name, prefix };
  }
  throw new TarPathError(path, 'is too long for ustar (a name of at most 100 bytes after a prefix of at most 155)');
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}
