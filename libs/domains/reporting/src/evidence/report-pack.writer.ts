import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderedReport } from '../render/report.renderer.js';
import {
  REPORT_PACK_AUDIT_DIR,
  REPORT_PACK_MANIFEST,
  REPORT_PACK_REPORT_DIR,
  type ReportPackManifest,
} from './report-pack.manifest.js';

/** The file I/O of a report pack (report-pack.manifest.ts); ReportEvidenceService decides what goes in it. */
export class ReportPackWriter {
  /** Creates the folder (it must be new or empty) and writes the report files under `report/`. */
  async start(dir: string, reports: readonly RenderedReport[]): Promise<void> {
    await mkdir(dir, { recursive: true });
    if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty`);
    await mkdir(join(dir, REPORT_PACK_REPORT_DIR));
    await mkdir(join(dir, REPORT_PACK_AUDIT_DIR));
    for (const report of reports) {
      await writeFile(join(dir, REPORT_PACK_REPORT_DIR, report.fileName), report.bytes, { flag: 'wx' });
    }
  }

  auditPackPath(dir: string, name: string): string {
    return join(dir, REPORT_PACK_AUDIT_DIR, name);
  }

  readAuditManifest(dir: string, name: string): Promise<Uint8Array> {
    return readFile(join(dir, REPORT_PACK_AUDIT_DIR, name, 'manifest.json'));
  }

  /** The manifest goes last, so a pack cut short by a crash has none and never passes for complete. */
  async finish(dir: string, manifest: ReportPackManifest): Promise<void> {
    await writeFile(join(dir, REPORT_PACK_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  }
}
