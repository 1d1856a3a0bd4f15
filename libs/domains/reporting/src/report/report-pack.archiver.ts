import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import { TarWriter } from '@domains/audit';

/** Turns a pack written into a folder into one `.tar.gz` (the folder is temporary and removed afterwards). */
@Injectable()
export class ReportPackArchiver {
  async archive(root: string, write: (dir: string) => Promise<void>, mtime: Date): Promise<Buffer> {
    const base = await mkdtemp(join(tmpdir(), 'verity-report-pack-'));
    try {
      const dir = join(base, root);
      await write(dir);
      const tar = new TarWriter(mtime);
      const walk = async (folder: string): Promise<void> => {
        const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of entries) {
          const path = join(folder, entry.name);
          const name = relative(base, path).split(sep).join('/');
          if (entry.isDirectory()) {
            tar.addDirectory(name);
            await walk(path);
          } else if (entry.isFile()) {
            tar.addFile(name, await readFile(path));
          }
        }
      };
      tar.addDirectory(root);
      await walk(dir);
      return tar.tarGz();
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  }
}
