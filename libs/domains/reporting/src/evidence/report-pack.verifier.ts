import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { EvidencePackVerifier } from '@domains/audit';
import {
  REPORT_PACK_AUDIT_DIR,
  REPORT_PACK_BINDING_ACTION,
  REPORT_PACK_FORMAT,
  REPORT_PACK_MANIFEST,
  REPORT_PACK_REPORT_DIR,
  REPORT_PACK_VERSION,
  type ReportPackManifest,
} from './report-pack.manifest.js';

export interface ReportPackVerification {
  readonly ok: boolean;
  readonly failures: string[];
}

const IGNORED = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function listFiles(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(root, path)));
    else if (!IGNORED.has(entry.name)) found.push(relative(root, path).split(sep).join('/'));
  }
  return found;
}

function mentions(value: unknown, needle: string): boolean {
  if (typeof value === 'string') return value.toLowerCase() === needle;
  if (Array.isArray(value)) return value.some((item) => mentions(item, needle));
  if (value !== null && typeof value === 'object') return Object.values(value).some((item) => mentions(item, needle));
  return false;
}

function parseManifest(text: string): ReportPackManifest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${REPORT_PACK_MANIFEST} is not JSON`;
  }
  const manifest = value as Partial<ReportPackManifest> | null;
  if (manifest?.format !== REPORT_PACK_FORMAT || manifest.version !== REPORT_PACK_VERSION) {
    return `${REPORT_PACK_MANIFEST} is not a ${REPORT_PACK_FORMAT} version ${REPORT_PACK_VERSION} manifest`;
  }
  if (!Array.isArray(manifest.reports) || !Array.isArray(manifest.audit) || manifest.reports.length === 0) {
    return `${REPORT_PACK_MANIFEST} must list at least one report file and the audit packs`;
  }
  return manifest as ReportPackManifest;
}

/**
 * Verifies a report pack offline (report-pack.manifest.ts): every report file's SHA-256 against the manifest, every
 * audit evidence pack with the audit domain's EvidencePackVerifier (signatures, proofs, hashes) and its manifest's
 * SHA-256, that no unlisted file is in the pack, and that each report file's hash is named by a verified
 * `reporting.report.generated` entry. Collects every failure rather than stopping at the first.
 */
export async function verifyReportPack(
  dir: string,
  verifier: EvidencePackVerifier = new EvidencePackVerifier(),
): Promise<ReportPackVerification> {
  const failures: string[] = [];
  let manifestText: string;
  try {
    manifestText = await readFile(join(dir, REPORT_PACK_MANIFEST), 'utf8');
  } catch {
    return { ok: false, failures: [`${REPORT_PACK_MANIFEST} is missing`] };
  }
  const manifest = parseManifest(manifestText);
  if (typeof manifest === 'string') return { ok: false, failures: [manifest] };

  const listedReports = new Set(manifest.reports.map((r) => `${REPORT_PACK_REPORT_DIR}/${r.file}`));
  const auditDirs = manifest.audit.map((a) => `${REPORT_PACK_AUDIT_DIR}/${a.dir}/`);
  for (const file of await listFiles(dir)) {
    if (file === REPORT_PACK_MANIFEST || listedReports.has(file)) continue;
    if (auditDirs.some((prefix) => file.startsWith(prefix))) continue;
    failures.push(`${file} is not listed in ${REPORT_PACK_MANIFEST}`);
  }

  const generatedPayloads: unknown[] = [];
  for (const pack of manifest.audit) {
    const packDir = join(dir, REPORT_PACK_AUDIT_DIR, pack.dir);
    const label = `${REPORT_PACK_AUDIT_DIR}/${pack.dir}`;
    try {
      const packManifest = await readFile(join(packDir, 'manifest.json'));
      if (sha256Hex(packManifest) !== pack.manifestSha256) failures.push(`${label}/manifest.json: SHA-256 mismatch`);
    } catch {
      failures.push(`${label}/manifest.json is missing`);
      continue;
    }
    const report = await verifier.verifyDirectory(packDir);
    if (!report.ok) {
      failures.push(`${label}: ${report.failure?.code ?? 'failed'}: ${report.failure?.message ?? ''}`.trim());
      continue;
    }
    const lines = (await readFile(join(packDir, 'entries.jsonl'), 'utf8')).split('\n').filter((l) => l.length > 0);
    for (const line of lines) {
      const entry = JSON.parse(line) as { action?: string; payload?: unknown };
      if (entry.action === REPORT_PACK_BINDING_ACTION) generatedPayloads.push(entry.payload);
    }
  }

  for (const report of manifest.reports) {
    const path = `${REPORT_PACK_REPORT_DIR}/${report.file}`;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, REPORT_PACK_REPORT_DIR, report.file));
    } catch {
      failures.push(`${path} is missing`);
      continue;
    }
    const digest = sha256Hex(bytes);
    if (digest !== report.sha256) {
      failures.push(`${path}: SHA-256 ${digest} differs from the manifest's ${report.sha256}`);
    }
    if (!generatedPayloads.some((payload) => mentions(payload, report.sha256.toLowerCase()))) {
      failures.push(`${path}: no verified ${REPORT_PACK_BINDING_ACTION} audit entry names its SHA-256`);
    }
  }
  return { ok: failures.length === 0, failures };
}
