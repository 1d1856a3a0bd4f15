import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidencePackSource } from './evidence-pack.types.js';

/** Reads a pack folder into memory, every file under its path relative to the folder with '/' separators. */
export class EvidencePackReader {
  async read(directory: string): Promise<EvidencePackSource> {
    const files = new Map<string, Uint8Array>();
    const specialPaths: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      const entries = await readdir(join(directory, relative), { withFileTypes: true });
      for (const entry of entries) {
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) files.set(path, new Uint8Array(await readFile(join(directory, path))));
        // Links are not followed: a listed hash must be of a file inside the pack, not of whatever a link points to.
        else specialPaths.push(path);
      }
    };
    await walk('');
    return { files, specialPaths };
  }
}
