import { createHash } from 'node:crypto';
import { AuditError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { canonicalJsonBytes } from '../canonical/canonical-json.encoder.js';
import { decodeAuditLeaf, saltedPayloadHash, type AuditLeafFields } from '../ledger/audit-leaf.codec.js';
import { parseCheckpoint, type Checkpoint } from '../note/checkpoint.codec.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { formatNoteKeyId } from '../note/note-key.codec.js';
import { parseSignedNote, type ParsedSignedNote } from '../note/signed-note.codec.js';
import { openSignedNote } from '../note/signed-note.verifier.js';
import { verifyInclusion } from '../proof/inclusion-proof.verifier.js';
import { decodeTlogProof } from '../proof/tlog-proof.codec.js';
import { hashLeaf, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import { parseEntries } from './evidence-entries.codec.js';
import { parseEvidenceKeys, type EvidenceKeys } from './evidence-keys.codec.js';
import { parseManifest } from './evidence-pack-manifest.codec.js';
import type { EvidencePackFailureCode } from './evidence-pack.errors.js';
import { EvidencePackReader } from './evidence-pack.reader.js';
import {
  EVIDENCE_PACK_FILES,
  IGNORED_SYSTEM_FILES,
  proofFileName,
  type EvidenceAnchorResult,
  type EvidenceCheckpointResult,
  type EvidenceEntryResult,
  type EvidencePackEntryLine,
  type EvidencePackFailure,
  type EvidencePackFiles,
  type EvidencePackManifest,
  type EvidencePackReport,
  type EvidencePackSource,
} from './evidence-pack.types.js';
import { decodeTimeStampToken } from './timestamp-token.decoder.js';
import { WitnessCosignatureVerifier } from './witness-cosignature.verifier.js';

export interface EvidencePackVerifyOptions {
  /**
   * Verifier keys the auditor trusts, in keys.txt form. Without them the pack's own keys.txt is used, which only
   * shows that the pack is consistent with itself: compare its keys with the ones the log publishes.
   */
  readonly trustedKeys?: string;
  /** A witness quorum the auditor requires, applied when it is above the manifest's witnessQuorum. */
  readonly minWitnessQuorum?: number;
}

/** How failures in keys the auditor passed are located, since they are not a file of the pack. */
const TRUSTED_KEYS = 'trusted keys';

/** Thrown inside the verifier to stop at the first pack-level failure; never escapes it. */
class PackCheckFailure extends Error {
  constructor(readonly failure: EvidencePackFailure) {
    super(failure.message);
  }
}

function fail(code: EvidencePackFailureCode, message: string, file?: string): never {
  throw new PackCheckFailure(file === undefined ? { code, message } : { code, message, file });
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function codeOf(error: unknown): string {
  if (error instanceof AuditError) return error.code;
  throw error;
}

function decodeLeaf(bytes: Uint8Array): AuditLeafFields | undefined {
  try {
    return decodeAuditLeaf(bytes);
  } catch (error) {
    // A leaf whose strings have no canonical form (a lone surrogate) is not one the log could have written.
    if (error instanceof AuditError) return undefined;
    throw error;
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The signed note text (the checkpoint body), which inclusion proofs must carry too. */
  readonly text: string;
  readonly sha256: string;
  readonly result: EvidenceCheckpointResult;
}

/**
 * Verifies an evidence pack offline (README.md in this folder): the manifest and file hashes, the checkpoint's log
 * signature and witness quorum, every entry's leaf, payload hash and inclusion proof, and the anchor receipts. The
 * pack's verify.html runs the same checks in a browser and reports the same codes.
 */
export class EvidencePackVerifier {
  constructor(private readonly reader: EvidencePackReader = new EvidencePackReader()) {}

  /** Reads the pack folder and verifies it; throws only when the folder cannot be read at all. */
  async verifyDirectory(directory: string, options: EvidencePackVerifyOptions = {}): Promise<EvidencePackReport> {
    return this.verify(await this.reader.read(directory), options);
  }

  verify(source: EvidencePackSource, options: EvidencePackVerifyOptions = {}): EvidencePackReport {
    const entries: EvidenceEntryResult[] = [];
    const anchors: EvidenceAnchorResult[] = [];
    let checkpointResult: EvidenceCheckpointResult | undefined;
    let failure: EvidencePackFailure | undefined;
    try {
      const { files } = source;
      const manifest = this.checkManifest(files);
      this.checkFiles(manifest, source);
      const keys = this.checkKeys(files, options);
      const checkpoint = this.checkCheckpoint(files, manifest, keys, options);
      checkpointResult = checkpoint.result;
      const lines = this.checkEntryList(files, manifest);
      for (const line of lines) entries.push(this.checkEntry(files, line, checkpoint));
      const anchorChecks = this.anchorPaths(files).map((path) =>
        this.checkAnchor(path, files.get(path) ?? new Uint8Array(), checkpoint),
      );
      anchors.push(...anchorChecks.map(({ result }) => result));
      failure =
        entries.find((entry) => entry.failure !== undefined)?.failure ??
        anchorChecks.find((check) => check.failure !== undefined)?.failure;
    } catch (error) {
      if (!(error instanceof PackCheckFailure)) throw error;
      failure = error.failure;
    }
    return {
      ok: failure === undefined,
      ...(failure === undefined ? {} : { failure }),
      ...(checkpointResult === undefined ? {} : { checkpoint: checkpointResult }),
      entries,
      anchors,
      summary: {
        entries: entries.length,
        verified: entries.filter((entry) => entry.status === 'verified').length,
        erased: entries.filter((entry) => entry.status === 'erased').length,
        failed: entries.filter((entry) => entry.status === 'failed').length,
        anchorsVerified: anchors.filter((anchor) => anchor.status === 'verified').length,
        anchorsUnchecked: anchors.filter((anchor) => anchor.status === 'unchecked').length,
      },
    };
  }

  private checkManifest(files: EvidencePackFiles): EvidencePackManifest {
    const bytes = files.get(EVIDENCE_PACK_FILES.manifest);
    if (bytes === undefined) fail('evidence/manifest_invalid', 'the pack has no manifest.json', 'manifest.json');
    const parsed = parseManifest(bytes);
    if ('error' in parsed) fail('evidence/manifest_invalid', parsed.error, EVIDENCE_PACK_FILES.manifest);
    return parsed.manifest;
  }

  private checkFiles(manifest: EvidencePackManifest, { files, specialPaths }: EvidencePackSource): void {
    for (const path of Object.keys(manifest.files).sort()) {
      const bytes = files.get(path);
      if (bytes === undefined) fail('evidence/file_missing', `${path} is listed in manifest.json but missing`, path);
      if (sha256Hex(bytes) !== manifest.files[path]) {
        fail('evidence/file_hash_mismatch', `${path} does not have the SHA-256 that manifest.json lists`, path);
      }
    }
    const special = [...specialPaths].sort()[0];
    if (special !== undefined) fail('evidence/unlisted_file', `${special} is a link or special file`, special);
    for (const path of [...files.keys()].sort()) {
      if (path === EVIDENCE_PACK_FILES.manifest || Object.hasOwn(manifest.files, path)) continue;
      if (IGNORED_SYSTEM_FILES.includes(basename(path))) continue;
      fail('evidence/unlisted_file', `${path} is not listed in manifest.json`, path);
    }
  }

  private checkKeys(files: EvidencePackFiles, options: EvidencePackVerifyOptions): EvidenceKeys {
    const file = options.trustedKeys === undefined ? EVIDENCE_PACK_FILES.keys : TRUSTED_KEYS;
    const text = options.trustedKeys ?? utf8(files.get(EVIDENCE_PACK_FILES.keys) ?? new Uint8Array());
    if (text === undefined) fail('evidence/keys_invalid', 'keys.txt is not UTF-8', file);
    const parsed = parseEvidenceKeys(text);
    if ('error' in parsed) fail('evidence/keys_invalid', parsed.error, file);
    return parsed.keys;
  }

  private checkCheckpoint(
    files: EvidencePackFiles,
    manifest: EvidencePackManifest,
    keys: EvidenceKeys,
    options: EvidencePackVerifyOptions,
  ): VerifiedCheckpoint {
    const file = EVIDENCE_PACK_FILES.checkpoint;
    const bytes = files.get(file) ?? new Uint8Array();
    const keysFile = options.trustedKeys === undefined ? EVIDENCE_PACK_FILES.keys : TRUSTED_KEYS;
    const logVerifiers = keys.logKeys.map((key) =>
      this.loadKey(key, keysFile, (k) => Ed25519NoteVerifier.fromVerifierKey(k)),
    );
    const witnessVerifiers = keys.witnessKeys.map((key) =>
      this.loadKey(key, keysFile, (k) => WitnessCosignatureVerifier.fromVerifierKey(k)),
    );

    let note: ParsedSignedNote;
    try {
      note = parseSignedNote(bytes);
    } catch (error) {
      fail('evidence/checkpoint_malformed', `checkpoint.txt is not a signed note (${codeOf(error)})`, file);
    }
    let logSignatures: string[];
    try {
      logSignatures = openSignedNote(bytes, logVerifiers).signatures.map(
        ({ name, keyId }) => `${name}+${formatNoteKeyId(keyId)}`,
      );
    } catch (error) {
      const code = codeOf(error);
      if (code === 'audit/note_ambiguous_key') fail('evidence/keys_invalid', 'two log keys share a name and key id');
      fail('evidence/checkpoint_signature_invalid', `no valid log signature (${code})`, file);
    }
    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(note.text);
    } catch (error) {
      fail('evidence/checkpoint_malformed', `the signed text is not a checkpoint (${codeOf(error)})`, file);
    }
    const rootHash = encodeBase64(checkpoint.rootHash);
    if (
      checkpoint.origin !== manifest.origin ||
      checkpoint.size !== manifest.checkpoint.size ||
      rootHash !== manifest.checkpoint.rootHash
    ) {
      fail('evidence/checkpoint_mismatch', 'checkpoint.txt is not the checkpoint manifest.json names', file);
    }

    const witnessCosignatures: { key: string; time: string }[] = [];
    for (const signature of note.signatures) {
      const witness = witnessVerifiers.find((w) => w.name === signature.name && w.keyId === signature.keyId);
      // A witness that cosigned twice counts once, as openSignedNote counts a log key once.
      if (witness === undefined || witnessCosignatures.some(({ key }) => key === witness.label)) continue;
      const time = witness.verify(note.text, signature.signature);
      if (time === undefined) {
        fail('evidence/witness_cosignature_invalid', `the cosignature of ${witness.label} does not verify`, file);
      }
      witnessCosignatures.push({ key: witness.label, time });
    }
    const witnessQuorum = Math.max(manifest.witnessQuorum, options.minWitnessQuorum ?? 0);
    if (witnessCosignatures.length < witnessQuorum) {
      fail(
        'evidence/witness_quorum_not_met',
        `${witnessCosignatures.length} of the required ${witnessQuorum} witnesses cosigned the checkpoint`,
        file,
      );
    }
    return {
      checkpoint,
      text: note.text,
      sha256: sha256Hex(bytes),
      result: {
        origin: checkpoint.origin,
        size: checkpoint.size,
        rootHash,
        logSignatures,
        witnessCosignatures,
        witnessQuorum,
      },
    };
  }

  private loadKey<T>(key: string, file: string, load: (key: string) => T): T {
    try {
      return load(key);
    } catch (error) {
      return fail('evidence/keys_invalid', `${key} is not a usable key (${codeOf(error)})`, file);
    }
  }

  private checkEntryList(files: EvidencePackFiles, manifest: EvidencePackManifest): readonly EvidencePackEntryLine[] {
    const file = EVIDENCE_PACK_FILES.entries;
    const parsed = parseEntries(files.get(file) ?? new Uint8Array());
    if ('error' in parsed) fail('evidence/entry_malformed', parsed.error, file);
    const { entries } = parsed;
    const listed = manifest.entries;
    if (entries.length !== listed.length || entries.some((entry, i) => entry.index !== listed[i])) {
      fail('evidence/entry_set_mismatch', 'entries.jsonl does not hold exactly the entries of manifest.json', file);
    }
    const { selection } = manifest;
    switch (selection.kind) {
      case 'subject': {
        const other = entries.find(
          ({ subject }) => subject.type !== selection.subject.type || subject.id !== selection.subject.id,
        );
        if (other !== undefined) {
          fail('evidence/selection_mismatch', `entry ${other.index} is about another subject`, file);
        }
        break;
      }
      case 'index-range':
        if (
          listed.length !== selection.end - selection.start ||
          listed.some((index, i) => index !== selection.start + i)
        ) {
          fail(
            'evidence/selection_mismatch',
            `the entries are not every index from ${selection.start} to ${selection.end - 1}`,
            file,
          );
        }
        break;
      case 'time-range':
        break;
    }
    return entries;
  }

  private checkEntry(
    files: EvidencePackFiles,
    line: EvidencePackEntryLine,
    verified: VerifiedCheckpoint,
  ): EvidenceEntryResult {
    const { index } = line;
    const failed = (code: EvidencePackFailureCode, message: string, file: string): EvidenceEntryResult => ({
      index,
      status: 'failed',
      recordedAt: line.recordedAt,
      action: line.action,
      failure: { code, message: `entry ${index}: ${message}`, file, index },
    });
    const entriesFile = EVIDENCE_PACK_FILES.entries;

    // parseEntries only lets canonical base64 through.
    const leafBytes = decodeBase64(line.leaf) ?? new Uint8Array();
    const leaf = decodeLeaf(leafBytes);
    if (leaf === undefined)
      return failed('evidence/leaf_mismatch', 'the leaf is not a version 1 audit leaf', entriesFile);
    const differing = [
      leaf.recordedAt !== line.recordedAt && 'recordedAt',
      (leaf.actor.type !== line.actor.type || leaf.actor.id !== line.actor.id) && 'actor',
      leaf.action !== line.action && 'action',
      (leaf.subject.type !== line.subject.type || leaf.subject.id !== line.subject.id) && 'subject',
    ].filter((field) => field !== false);
    if (differing.length > 0) {
      return failed('evidence/leaf_mismatch', `the leaf holds another ${differing.join(', ')}`, entriesFile);
    }

    if (!line.erased) {
      let payloadBytes: Uint8Array;
      try {
        payloadBytes = canonicalJsonBytes(line.payload);
      } catch (error) {
        return failed(
          'evidence/payload_hash_mismatch',
          `the payload has no canonical form (${codeOf(error)})`,
          entriesFile,
        );
      }
      const salt = decodeBase64(line.salt ?? '') ?? new Uint8Array();
      if (!merkleHashesEqual(saltedPayloadHash(salt, payloadBytes), leaf.payloadHash)) {
        return failed('evidence/payload_hash_mismatch', 'the payload and salt do not hash to the leaf', entriesFile);
      }
    }

    const proofFile = proofFileName(index);
    const proofBytes = files.get(proofFile);
    if (proofBytes === undefined) return failed('evidence/proof_missing', `${proofFile} is missing`, proofFile);
    const problem = this.inclusionProblem(proofBytes, index, leafBytes, verified);
    if (problem !== undefined) return failed('evidence/inclusion_proof_invalid', problem, proofFile);

    return { index, status: line.erased ? 'erased' : 'verified', recordedAt: line.recordedAt, action: line.action };
  }

  private inclusionProblem(
    proofBytes: Uint8Array,
    index: number,
    leafBytes: Uint8Array,
    { checkpoint, text }: VerifiedCheckpoint,
  ): string | undefined {
    const proofText = utf8(proofBytes);
    if (proofText === undefined) return 'the proof is not UTF-8';
    try {
      const proof = decodeTlogProof(proofText);
      if (proof.index !== index) return `the proof is for entry ${proof.index}`;
      if (parseSignedNote(proof.checkpoint).text !== text) return 'the proof is against another checkpoint';
      verifyInclusion(hashLeaf(leafBytes), index, checkpoint.size, proof.hashes, checkpoint.rootHash);
      return undefined;
    } catch (error) {
      return `the proof does not hold (${codeOf(error)})`;
    }
  }

  private anchorPaths(files: EvidencePackFiles): string[] {
    // Every file left is listed, and listed files under anchors/ are *.json receipts.
    return [...files.keys()].filter((path) => path.startsWith('anchors/') && path.endsWith('.json')).sort();
  }

  private checkAnchor(
    file: string,
    bytes: Uint8Array,
    { sha256 }: VerifiedCheckpoint,
  ): { result: EvidenceAnchorResult; failure?: EvidencePackFailure } {
    let receipt: unknown;
    try {
      receipt = JSON.parse(utf8(bytes) ?? '');
    } catch {
      receipt = undefined;
    }
    const kind =
      typeof receipt === 'object' && receipt !== null && !Array.isArray(receipt)
        ? (receipt as Record<string, unknown>).kind
        : undefined;
    const failed = (code: EvidencePackFailureCode, message: string, shownKind = String(kind)) => ({
      result: { file, kind: shownKind, status: 'failed' as const },
      failure: { code, message: `${file}: ${message}`, file },
    });
    if (typeof kind !== 'string' || kind === '') {
      return failed('evidence/anchor_invalid', 'the receipt is not a JSON object with a kind', '');
    }
    const fields = receipt as Record<string, unknown>;
    const hexField = (name: string): string | undefined => {
      const value = fields[name];
      return typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value) ? value.toLowerCase() : undefined;
    };
    switch (kind) {
      case 'rfc3161': {
        const imprint = hexField('imprintSha256');
        const token = typeof fields.tokenBase64 === 'string' ? decodeBase64(fields.tokenBase64) : undefined;
        if (imprint === undefined || token === undefined || token.length === 0) {
          return failed('evidence/anchor_invalid', 'an rfc3161 receipt needs tokenBase64 and imprintSha256');
        }
        const contents = decodeTimeStampToken(token);
        if (contents === undefined) return failed('evidence/anchor_invalid', 'tokenBase64 is not an RFC 3161 token');
        if (imprint !== sha256)
          return failed('evidence/anchor_mismatch', 'imprintSha256 is not that of checkpoint.txt');
        if (!contents.sha256 || Buffer.from(contents.imprint).toString('hex') !== sha256) {
          return failed('evidence/anchor_mismatch', 'the token time-stamps another imprint than checkpoint.txt');
        }
        return { result: { file, kind, status: 'verified', time: contents.time } };
      }
      case 'write-once-directory': {
        const fileHash = hexField('sha256');
        if (fileHash === undefined)
          return failed('evidence/anchor_invalid', 'a write-once-directory receipt needs sha256');
        if (fileHash !== sha256) return failed('evidence/anchor_mismatch', 'sha256 is not that of checkpoint.txt');
        return { result: { file, kind, status: 'verified' } };
      }
      default:
        return { result: { file, kind, status: 'unchecked' } };
    }
  }
}
