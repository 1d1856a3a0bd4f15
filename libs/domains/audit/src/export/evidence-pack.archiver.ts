import { Injectable } from '@nestjs/common';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TarWriter } from './tar.writer.js';

/**
 * The file-system side of an export job: a fresh scratch folder for the pack, the folder packed into a `.tar.gz`
 * under one top-level folder, and the scratch folder removed again.
 */
@Injectable()
export class EvidencePackArchiver {
  /** A new, empty folder under the system's temporary folder. */
  scratchFolder(): Promise<string> {
    return mkdtemp(join(tmpdir(), 'verity-evidence-'));
  }

  /**
   * Every file of `directory` (recursively, in path order) in a gzip-compressed ustar archive, under the top-level
   * folder `rootName`, so `tar -xzf` yields one folder that `verity verify-pack` checks as it is.
   */
  async archive(directory: string, rootName: string): Promise<Buffer> {
    const writer = new TarWriter();
    writer.addDirectory(rootName);
    const walk = async (relative: string): Promise<void> => {
      const names = (await readdir(join(directory, relative))).sort();
      for (const name of names) {
        const path = relative === '' ? name : `${relative}/${name}`;
        const stat = await lstat(join(directory, path));
        if (stat.isDirectory()) {
          writer.addDirectory(`${rootName}/${path}`);
          await walk(path);
        } else if (stat.isFile()) {
          writer.addFile(`${rootName}/${path}`, await readFile(join(directory, path)));
        } else {
          // The writer only writes files and folders; anything else would be refused by the verifier anyway.
          throw new Error(`${path} in the evidence pack is neither a file nor a folder`);
        }
      }
    };
    await walk('');
    return writer.tarGz();
  }

  async remove(directory: string): Promise<void> {
    await rm(directory, { recursive: true, force: true });
  }
}
