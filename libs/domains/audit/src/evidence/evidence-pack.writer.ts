import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildEvidencePack } from './evidence-pack.builder.js';
import { EvidencePackError } from './evidence-pack.errors.js';
import { EVIDENCE_PACK_FILES, type EvidencePackInput, type EvidencePackManifest } from './evidence-pack.types.js';
import { EvidencePackVerifier } from './evidence-pack.verifier.js';

/**
 * Writes an evidence pack into a new or empty folder. The pack is verified in memory first, with the same checks an
 * auditor will run, so an export that would fail (a proof against another checkpoint, a missing cosignature) fails
 * here, naming the problem, instead of in the auditor's hands.
 */
export class EvidencePackWriter {
  constructor(private readonly verifier: EvidencePackVerifier = new EvidencePackVerifier()) {}

  /** Resolves to the manifest written; throws EvidencePackError for bad input, a non-empty folder or a failing pack. */
  async write(directory: string, input: EvidencePackInput): Promise<EvidencePackManifest> {
    const { manifest, files } = buildEvidencePack(input);
    const report = this.verifier.verify({ files, specialPaths: [] });
    if (report.failure !== undefined) {
      throw new EvidencePackError(report.failure.code, `the pack would not verify: ${report.failure.message}`);
    }

    await mkdir(directory, { recursive: true });
    if ((await readdir(directory)).length > 0) {
      throw new EvidencePackError('evidence/target_not_empty', `${directory} is not empty`);
    }
    // The manifest goes last: a pack cut short by a crash has no manifest and can never pass for a complete one.
    const order = [...files.keys()].filter((path) => path !== EVIDENCE_PACK_FILES.manifest);
    for (const path of [...order, EVIDENCE_PACK_FILES.manifest]) {
      const target = join(directory, path);
      await mkdir(dirname(target), { recursive: true });
      // 'wx' refuses to replace a file, so two exports racing into one folder cannot mix their files silently.
      await writeFile(target, files.get(path) ?? new Uint8Array(), { flag: 'wx' });
    }
    return manifest;
  }
}
