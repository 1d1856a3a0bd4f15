import type { AuditActor, AuditPayload, AuditSubject } from '../ledger/audit-event.types.js';
import type { EvidencePackFailureCode } from './evidence-pack.errors.js';

/** The `format` member of every manifest.json; README.md in this folder describes version 1 byte by byte. */
export const EVIDENCE_PACK_FORMAT = 'verity-evidence-pack';
export const EVIDENCE_PACK_VERSION = 1;

export const EVIDENCE_PACK_FILES = {
  manifest: 'manifest.json',
  checkpoint: 'checkpoint.txt',
  keys: 'keys.txt',
  entries: 'entries.jsonl',
  verifyPage: 'verify.html',
  readme: 'README.txt',
} as const;

export function proofFileName(index: number): string {
  return `proofs/${index}.tlog-proof`;
}

/**
 * Files an operating system drops into any folder it shows (Finder, Explorer). They are ignored rather than refused,
 * because an auditor who merely opened the pack folder must not see it fail; nothing in them is ever read.
 */
export const IGNORED_SYSTEM_FILES: readonly string[] = ['.DS_Store', 'Thumbs.db', 'desktop.ini'];

/** What the pack holds, as the exporter chose it. Only `subject` and `index-range` are checked against the entries. */
export type EvidencePackSelection =
  /** Entries about one data subject (their complete set cannot be proven offline; each entry's subject is checked). */
  | { readonly kind: 'subject'; readonly subject: AuditSubject }
  /** Every entry with start ≤ index < end: a pack with a gap fails, so nothing in the range can be left out. */
  | { readonly kind: 'index-range'; readonly start: number; readonly end: number }
  /** Entries recorded from `from` (inclusive) to `to` (exclusive), RFC 3339; descriptive only. */
  | { readonly kind: 'time-range'; readonly from: string; readonly to: string };

/**
 * An anchor receipt as the anchor job stored it: opaque JSON with at least `kind`. Kinds the verifiers know:
 * - `rfc3161`: `tokenBase64` (the DER TimeStampToken) and `imprintSha256` (hex SHA-256 of checkpoint.txt, the
 *   token's message imprint);
 * - `write-once-directory`: `sha256` (hex SHA-256 of the file written, which is checkpoint.txt).
 * Other kinds are kept and reported as unchecked.
 */
export interface EvidenceAnchorReceipt {
  readonly kind: string;
  readonly [member: string]: unknown;
}

interface EvidencePackEntryCommon {
  readonly index: number;
  /** The exact bytes that were hashed into the tree (auditLeafBytes); the listed fields are decoded from them. */
  readonly leaf: Uint8Array;
  /** The c2sp.org/tlog-proof text of this entry against the pack's checkpoint. */
  readonly proof: string;
}

/** One entry handed to the writer: with its payload and salt, or erased (its subject's key was shredded). */
export type EvidencePackEntryInput = EvidencePackEntryCommon &
  ({ readonly erased: false; readonly payload: AuditPayload; readonly salt: Uint8Array } | { readonly erased: true });

/** Everything the writer needs; the database-side exporter (`verity audit export`) assembles it. */
export interface EvidencePackInput {
  /** The signed checkpoint note, byte for byte as anchored, with the log signature(s) and witness cosignatures. */
  readonly checkpoint: string;
  /** The log's verifier keys (`<name>+<id>+<base64>`, type 0x01); old and new during a rotation. */
  readonly logKeys: readonly string[];
  /** The witnesses' cosignature verifier keys (type 0x04, c2sp.org/tlog-cosignature). */
  readonly witnessKeys: readonly string[];
  /** How many of the witnesses must have cosigned; 0 when none are required. */
  readonly witnessQuorum: number;
  /** Ascending by index, each index once. */
  readonly entries: readonly EvidencePackEntryInput[];
  readonly anchors: readonly EvidenceAnchorReceipt[];
  readonly selection: EvidencePackSelection;
  /** Defaults to now. */
  readonly createdAt?: Date;
}

/** manifest.json. */
export interface EvidencePackManifest {
  readonly format: typeof EVIDENCE_PACK_FORMAT;
  readonly version: typeof EVIDENCE_PACK_VERSION;
  readonly origin: string;
  readonly createdAt: string;
  readonly selection: EvidencePackSelection;
  readonly checkpoint: { readonly size: number; readonly rootHash: string };
  readonly witnessQuorum: number;
  readonly entries: readonly number[];
  /** Relative path → lowercase hex SHA-256, for every file but manifest.json itself. */
  readonly files: Readonly<Record<string, string>>;
}

/** One line of entries.jsonl. */
export interface EvidencePackEntryLine {
  readonly index: number;
  readonly leaf: string;
  readonly recordedAt: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly subject: AuditSubject;
  readonly payload: AuditPayload;
  readonly salt: string | null;
  readonly erased: boolean;
}

/** The pack as files: relative path with '/' separators → contents. */
export type EvidencePackFiles = ReadonlyMap<string, Uint8Array>;

/** A pack as read from a folder. */
export interface EvidencePackSource {
  readonly files: EvidencePackFiles;
  /** Symbolic links, sockets and other entries that are neither files nor folders; a pack never holds them. */
  readonly specialPaths: readonly string[];
}

export interface EvidencePackFailure {
  readonly code: EvidencePackFailureCode;
  readonly message: string;
  /** The file the failure is in, when there is one. */
  readonly file?: string;
  /** The entry index, for entry failures. */
  readonly index?: number;
}

export type EvidenceEntryStatus = 'verified' | 'erased' | 'failed';

export interface EvidenceEntryResult {
  readonly index: number;
  readonly status: EvidenceEntryStatus;
  readonly recordedAt?: string;
  readonly action?: string;
  readonly failure?: EvidencePackFailure;
}

export type EvidenceAnchorStatus = 'verified' | 'unchecked' | 'failed';

export interface EvidenceAnchorResult {
  readonly file: string;
  readonly kind: string;
  readonly status: EvidenceAnchorStatus;
  /** For RFC 3161 receipts: the TSA's genTime from the token (its signature is checked by `openssl ts -verify`). */
  readonly time?: string;
}

export interface EvidenceCheckpointResult {
  readonly origin: string;
  readonly size: number;
  /** base64, as in the checkpoint. */
  readonly rootHash: string;
  /** `<name>+<key id>` of each log key whose signature verified. */
  readonly logSignatures: readonly string[];
  /** Each witness whose cosignature verified, with the time it cosigned (POSIX seconds, the decimal that was signed). */
  readonly witnessCosignatures: readonly { readonly key: string; readonly time: string }[];
  readonly witnessQuorum: number;
}

export interface EvidencePackSummary {
  readonly entries: number;
  readonly verified: number;
  readonly erased: number;
  readonly failed: number;
  readonly anchorsVerified: number;
  readonly anchorsUnchecked: number;
}

/** What a verifier found: ok with no failure, or the first thing that does not hold. */
export interface EvidencePackReport {
  readonly ok: boolean;
  readonly failure?: EvidencePackFailure;
  /** Present once the checkpoint verified. */
  readonly checkpoint?: EvidenceCheckpointResult;
  readonly entries: readonly EvidenceEntryResult[];
  readonly anchors: readonly EvidenceAnchorResult[];
  readonly summary: EvidencePackSummary;
}
