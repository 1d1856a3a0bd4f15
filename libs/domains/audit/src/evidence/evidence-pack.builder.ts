import { createHash } from 'node:crypto';
import { AuditError } from '../audit.errors.js';
import { encodeBase64 } from '../canonical/base64.codec.js';
import { decodeAuditLeaf } from '../ledger/audit-leaf.codec.js';
import { parseCheckpoint, type Checkpoint } from '../note/checkpoint.codec.js';
import { parseSignedNote } from '../note/signed-note.codec.js';
import { formatEntryLine } from './evidence-entries.codec.js';
import { formatEvidenceKeys } from './evidence-keys.codec.js';
import { formatManifest } from './evidence-pack-manifest.codec.js';
import { renderPackReadme } from './evidence-pack-readme.renderer.js';
import { EvidencePackError } from './evidence-pack.errors.js';
import {
  EVIDENCE_PACK_FILES,
  EVIDENCE_PACK_FORMAT,
  EVIDENCE_PACK_VERSION,
  proofFileName,
  type EvidencePackEntryInput,
  type EvidencePackInput,
  type EvidencePackManifest,
} from './evidence-pack.types.js';
import { renderVerifyPage } from './verify-page.renderer.js';

export interface BuiltEvidencePack {
  readonly manifest: EvidencePackManifest;
  /** Every file of the pack, manifest.json included, by relative path. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

function invalid(message: string): EvidencePackError {
  return new EvidencePackError('evidence/invalid_input', message);
}

function openCheckpointText(note: string): Checkpoint {
  try {
    return parseCheckpoint(parseSignedNote(note).text);
  } catch (error) {
    if (error instanceof AuditError) throw invalid(`the checkpoint is not a signed checkpoint note (${error.code})`);
    throw error;
  }
}

// Anchor kinds become part of a file name, so only a safe spelling of them is kept.
function anchorFileName(position: number, kind: string): string {
  const safeKind =
    kind
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'anchor';
  return `anchors/${String(position + 1).padStart(2, '0')}-${safeKind}.json`;
}

function assertEntries(entries: readonly EvidencePackEntryInput[]): void {
  entries.forEach((entry, i) => {
    if (!Number.isSafeInteger(entry.index) || entry.index < 0) throw invalid(`entry index ${entry.index} is not valid`);
    if (i > 0 && entry.index <= entries[i - 1].index)
      throw invalid('entries must be in strictly ascending index order');
  });
}

/**
 * Lays out a version 1 evidence pack in memory (README.md in this folder): the entries with their decoded leaf
 * fields, a proof per entry, the checkpoint, keys and anchors, verify.html, README.txt, and the manifest hashing them.
 * It checks the input's shape; whether the pack verifies is checked by EvidencePackWriter before anything is written.
 */
export function buildEvidencePack(input: EvidencePackInput): BuiltEvidencePack {
  const checkpoint = openCheckpointText(input.checkpoint);
  assertEntries(input.entries);
  if (!Number.isSafeInteger(input.witnessQuorum) || input.witnessQuorum < 0) {
    throw invalid('the witness quorum must be a non-negative integer');
  }
  if (input.witnessQuorum > input.witnessKeys.length) {
    throw invalid(`a quorum of ${input.witnessQuorum} needs at least as many witness keys`);
  }

  const createdAt = (input.createdAt ?? new Date()).toISOString();
  const files = new Map<string, Uint8Array>();
  const put = (path: string, contents: string | Uint8Array): void => {
    files.set(path, typeof contents === 'string' ? new TextEncoder().encode(contents) : contents);
  };

  put(EVIDENCE_PACK_FILES.checkpoint, input.checkpoint);
  put(EVIDENCE_PACK_FILES.keys, formatEvidenceKeys(input));
  const lines = input.entries.map((entry) => {
    const leaf = decodeAuditLeaf(entry.leaf);
    if (leaf === undefined) throw invalid(`the leaf of entry ${entry.index} is not a version 1 audit leaf`);
    put(proofFileName(entry.index), entry.proof);
    return formatEntryLine({
      index: entry.index,
      leaf: encodeBase64(entry.leaf),
      recordedAt: leaf.recordedAt,
      actor: leaf.actor,
      action: leaf.action,
      subject: leaf.subject,
      payload: entry.erased ? null : entry.payload,
      salt: entry.erased ? null : encodeBase64(entry.salt),
      erased: entry.erased,
    });
  });
  put(EVIDENCE_PACK_FILES.entries, lines.join(''));
  const anchors = input.anchors.map((receipt, position) => {
    if (typeof receipt.kind !== 'string' || receipt.kind === '') throw invalid('every anchor receipt needs a kind');
    const path = anchorFileName(position, receipt.kind);
    put(path, `${JSON.stringify(receipt, null, 2)}\n`);
    return { path, kind: receipt.kind };
  });
  put(EVIDENCE_PACK_FILES.verifyPage, renderVerifyPage());

  const manifestOf = (hashed: ReadonlyMap<string, Uint8Array>): EvidencePackManifest => ({
    format: EVIDENCE_PACK_FORMAT,
    version: EVIDENCE_PACK_VERSION,
    origin: checkpoint.origin,
    createdAt,
    selection: input.selection,
    checkpoint: { size: checkpoint.size, rootHash: encodeBase64(checkpoint.rootHash) },
    witnessQuorum: input.witnessQuorum,
    entries: input.entries.map(({ index }) => index),
    files: Object.fromEntries(
      [...hashed.keys()].sort().map((path) => [
        path,
        createHash('sha256')
          .update(hashed.get(path) ?? '')
          .digest('hex'),
      ]),
    ),
  });
  // README.txt quotes the manifest's facts, and the manifest then lists README.txt's hash.
  const erased = input.entries.filter((entry) => entry.erased).length;
  put(EVIDENCE_PACK_FILES.readme, renderPackReadme({ manifest: manifestOf(files), erased, anchors }));
  const manifest = manifestOf(files);
  put(EVIDENCE_PACK_FILES.manifest, formatManifest(manifest));
  return { manifest, files };
}
