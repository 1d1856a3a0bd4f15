import { decodeBase64 } from '../canonical/base64.codec.js';
import { MERKLE_HASH_SIZE } from '../tree/merkle-tree.hasher.js';
import {
  EVIDENCE_PACK_FILES,
  EVIDENCE_PACK_FORMAT,
  EVIDENCE_PACK_VERSION,
  type EvidencePackManifest,
  type EvidencePackSelection,
} from './evidence-pack.types.js';

/** The members of a version 1 manifest.json, no more and no fewer. */
export const MANIFEST_MEMBERS: readonly string[] = [
  'checkpoint',
  'createdAt',
  'entries',
  'files',
  'format',
  'origin',
  'selection',
  'version',
  'witnessQuorum',
];
/** The files at the root of a pack besides manifest.json. */
export const FIXED_FILES: readonly string[] = [
  EVIDENCE_PACK_FILES.checkpoint,
  EVIDENCE_PACK_FILES.keys,
  EVIDENCE_PACK_FILES.entries,
  EVIDENCE_PACK_FILES.verifyPage,
  EVIDENCE_PACK_FILES.readme,
];
/** Without these there is nothing to verify; verify.html and README.txt are for people and may be left out. */
export const REQUIRED_FILES: readonly string[] = [
  EVIDENCE_PACK_FILES.checkpoint,
  EVIDENCE_PACK_FILES.keys,
  EVIDENCE_PACK_FILES.entries,
];
const PROOF_PATH = /^proofs\/(0|[1-9][0-9]*)\.tlog-proof$/;
const ANCHOR_PATH = /^anchors\/[A-Za-z0-9][A-Za-z0-9._-]*\.json$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** manifest.json as written: two-space indented, members in the order of EvidencePackManifest, final newline. */
export function formatManifest(manifest: EvidencePackManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Paths a version 1 pack may list; anything else would be a file no verifier looks at. */
export function isEvidencePackPath(path: string): boolean {
  return FIXED_FILES.includes(path) || PROOF_PATH.test(path) || ANCHOR_PATH.test(path);
}

/** The entry index a `proofs/<index>.tlog-proof` path names, or undefined for other paths. */
export function proofPathIndex(path: string): number | undefined {
  const match = PROOF_PATH.exec(path);
  return match === null ? undefined : Number(match[1]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasMembers(value: Record<string, unknown>, members: readonly string[]): boolean {
  const keys = Object.keys(value).sort();
  return keys.length === members.length && [...members].sort().every((member, i) => keys[i] === member);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isPair(value: unknown): value is { type: string; id: string } {
  return isRecord(value) && hasMembers(value, ['id', 'type']) && isText(value.type) && isText(value.id);
}

function isSelection(value: unknown): value is EvidencePackSelection {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'subject':
      return hasMembers(value, ['kind', 'subject']) && isPair(value.subject);
    case 'index-range':
      return (
        hasMembers(value, ['end', 'kind', 'start']) &&
        isIndex(value.start) &&
        isIndex(value.end) &&
        value.start <= value.end
      );
    case 'time-range':
      return hasMembers(value, ['from', 'kind', 'to']) && isText(value.from) && isText(value.to);
    default:
      return false;
  }
}

export type ParsedManifest = { readonly manifest: EvidencePackManifest } | { readonly error: string };

/** Reads manifest.json strictly: exactly the version 1 members, each well-formed, and only version 1 file paths. */
export function parseManifest(bytes: Uint8Array): ParsedManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { error: 'manifest.json is not UTF-8 JSON' };
  }
  if (!isRecord(value)) return { error: 'manifest.json is not a JSON object' };
  if (value.format !== EVIDENCE_PACK_FORMAT || value.version !== EVIDENCE_PACK_VERSION) {
    return { error: `this is not a ${EVIDENCE_PACK_FORMAT} version ${EVIDENCE_PACK_VERSION} manifest` };
  }
  if (!hasMembers(value, MANIFEST_MEMBERS))
    return { error: `the members must be exactly ${MANIFEST_MEMBERS.join(', ')}` };
  if (!isText(value.origin)) return { error: 'origin must be a non-empty string' };
  if (typeof value.createdAt !== 'string' || !UTC_TIME.test(value.createdAt)) {
    return { error: 'createdAt must be an RFC 3339 time in UTC' };
  }
  if (!isSelection(value.selection)) return { error: 'selection is not a subject, index-range or time-range' };
  const checkpoint = value.checkpoint;
  if (!isRecord(checkpoint) || !hasMembers(checkpoint, ['rootHash', 'size']) || !isIndex(checkpoint.size)) {
    return { error: 'checkpoint must be { size, rootHash }' };
  }
  const rootHash = typeof checkpoint.rootHash === 'string' ? decodeBase64(checkpoint.rootHash) : undefined;
  if (rootHash?.length !== MERKLE_HASH_SIZE) return { error: 'checkpoint.rootHash must be the base64 of 32 bytes' };
  if (!isIndex(value.witnessQuorum)) return { error: 'witnessQuorum must be a non-negative integer' };
  const entries: unknown = value.entries;
  if (
    !Array.isArray(entries) ||
    !entries.every((index: unknown, i) => isIndex(index) && (i === 0 || index > entries[i - 1]))
  ) {
    return { error: 'entries must be entry indexes in strictly ascending order' };
  }
  const listed = new Set<unknown>(entries);
  const files = value.files;
  if (!isRecord(files)) return { error: 'files must map paths to SHA-256 hashes' };
  for (const [path, hash] of Object.entries(files)) {
    if (!isEvidencePackPath(path)) return { error: `files lists ${JSON.stringify(path)}, which a pack never holds` };
    if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
      return { error: `the hash of ${path} is not lowercase hex SHA-256` };
    }
    const proofIndex = proofPathIndex(path);
    if (proofIndex !== undefined && !listed.has(proofIndex)) {
      return { error: `files lists ${path}, but entry ${proofIndex} is not in entries` };
    }
  }
  const missing = REQUIRED_FILES.find((path) => !Object.hasOwn(files, path));
  if (missing !== undefined) return { error: `files does not list ${missing}` };
  return { manifest: value as unknown as EvidencePackManifest };
}
