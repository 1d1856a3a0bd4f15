import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { AnchorReceiptRepository } from '../anchor/anchor-receipt.repository.js';
import { AuditLedgerError } from '../audit-ledger.errors.js';
import { AuditCheckpointRepository } from '../checkpoint/audit-checkpoint.repository.js';
import { parseConfiguredWitnesses } from '../checkpoint/audit-witness-policy.provider.js';
import type {
  EvidenceAnchorReceipt,
  EvidencePackEntryInput,
  EvidencePackManifest,
} from '../evidence/evidence-pack.types.js';
import { EvidencePackWriter } from '../evidence/evidence-pack.writer.js';
import { AuditPayloadOpener } from '../fsck/audit-payload.opener.js';
import { AuditEntryRepository, type StoredAuditEntry } from '../ledger/audit-entry.repository.js';
import type { AuditActor, AuditSubject } from '../ledger/audit-event.types.js';
import { auditLeafBytes } from '../ledger/audit-leaf.codec.js';
import { AuditLedger } from '../ledger/audit-ledger.service.js';
import { AuditLogRepository, type AuditLogRef } from '../ledger/audit-log.repository.js';
import { inclusionProof } from '../proof/inclusion-proof.builder.js';
import { encodeTlogProof } from '../proof/tlog-proof.codec.js';
import { AuditTreeRepository } from '../sequencer/audit-tree.repository.js';
import { StoredSubtreeSource } from '../sequencer/stored-subtree.source.js';
import { hashLeaf, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import { AuditExportError } from './audit-export.errors.js';

/**
 * The default of AUDIT_EXPORT_MAX_ENTRIES, the entries one pack may hold. The pack is built and verified in memory
 * before a byte is written (payloads are up to 64 KiB each), so a larger selection is exported as several index ranges.
 */
export const AUDIT_EXPORT_MAX_ENTRIES = 10_000;
/** Inclusion proofs requested together: StoredSubtreeSource answers each such group with one query. */
const PROOF_BATCH = 256;
/** The action recorded in the tenant's own log for every pack exported. */
export const AUDIT_EXPORT_ACTION = 'audit.export.created';

/** What to export: one data subject's entries, or every entry with start ≤ index < end. */
export type AuditExportSelection =
  | { readonly kind: 'subject'; readonly subject: AuditSubject }
  | { readonly kind: 'index-range'; readonly start: number; readonly end: number };

export interface AuditExportRequest {
  readonly tenantId: string;
  readonly selection: AuditExportSelection;
  /** A new or empty folder. */
  readonly directory: string;
  /** Who exports; recorded as the actor of `audit.export.created`. */
  readonly actor: AuditActor;
  /** The `audit_exports` row this export fulfils (an export requested over HTTP); named in the recorded payload. */
  readonly exportId?: string;
  /** Called after each batch of inclusion proofs with the entries done so far and the selection's size. */
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
  /**
   * Runs inside the transaction that records `audit.export.created`, after the pack is written: what it stores
   * commits together with the entry, or neither does (it may throw to roll the entry back). The export job stores
   * the archived pack here, so a retried job cannot leave two packs or two entries.
   */
  readonly commit?: (tx: Tx, recorded: { readonly entryId: string; readonly origin: string }) => Promise<void>;
}

/** What a selection would export, checked before an export is queued. */
export interface AuditExportPreflight {
  readonly origin: string;
  readonly checkpointSize: number;
  /** Entries of the selection the latest checkpoint covers (what a pack built now would hold). */
  readonly entries: number;
}

export interface AuditExportResult {
  readonly directory: string;
  readonly origin: string;
  readonly manifest: EvidencePackManifest;
  /** The checkpoint every proof in the pack leads to. */
  readonly checkpointSize: number;
  readonly entries: number;
  /** Entries exported without payload because their subject was erased. */
  readonly erased: number;
  readonly anchors: number;
  /** Files listed in manifest.json (every file of the pack but the manifest). */
  readonly files: number;
  /** Entries about the subject that the latest checkpoint does not cover yet, so they are not in the pack. */
  readonly notYetCheckpointed: number;
  /** The `audit.export.created` entry recorded for this export. */
  readonly recordedEntryId: string;
}

/**
 * `verity audit export`: writes an evidence pack (evidence/README.md) from the database — the selected entries with
 * their payloads (or marked erased), a c2sp.org/tlog-proof per entry against the latest checkpoint exactly as
 * stored (cosignatures included), the log's verifier keys, the configured witnesses and quorum, and the anchor
 * receipts of that checkpoint — and records the export in the tenant's own log. The writer verifies the pack before
 * writing it, so an export never hands an auditor a pack that fails.
 */
@Injectable()
export class AuditExportService {
  private readonly writer = new EvidencePackWriter();

  constructor(
    private readonly logs: AuditLogRepository,
    private readonly entries: AuditEntryRepository,
    private readonly tree: AuditTreeRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly anchors: AnchorReceiptRepository,
    private readonly payloads: AuditPayloadOpener,
    private readonly ledger: AuditLedger,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  async export(request: AuditExportRequest): Promise<AuditExportResult> {
    const { tenantId, selection } = request;
    const log = await this.logs.findByTenant(tenantId);
    if (!log)
      throw new AuditLedgerError('audit/log_not_found', 'not_found', 'Nothing was recorded for this tenant yet');
    const checkpoint = await this.checkpoints.latest(log.id);
    if (!checkpoint) {
      throw new AuditLedgerError('audit/checkpoint_not_found', 'not_found', 'The log has no signed checkpoint yet');
    }
    const size = checkpoint.treeSize;

    const stored = await this.select(log, selection, size);
    const source = new StoredSubtreeSource((addresses) => this.tree.subtreeHashes(log.id, addresses));
    const ring = await this.payloads.keyRing(tenantId, stored);
    const packEntries: EvidencePackEntryInput[] = [];
    await request.onProgress?.(0, stored.length);
    for (let start = 0; start < stored.length; start += PROOF_BATCH) {
      const batch = stored.slice(start, start + PROOF_BATCH);
      const proofs = await Promise.all(batch.map((entry) => inclusionProof(entry.index ?? 0, size, source)));
      batch.forEach((entry, position) => {
        packEntries.push(this.packEntry(entry, proofs[position], checkpoint.note, ring));
      });
      await request.onProgress?.(packEntries.length, stored.length);
    }

    const witnesses = parseConfiguredWitnesses(this.config.values.AUDIT_WITNESSES);
    const anchors = await this.anchorsFor(log.id, size, checkpoint.note);
    const manifest = await this.writer.write(request.directory, {
      checkpoint: checkpoint.note,
      logKeys: (await this.checkpoints.verifierKeys()).map((k) => k.verifierKey),
      witnessKeys: witnesses.map((w) => w.verifierKey),
      witnessQuorum: this.config.values.AUDIT_WITNESS_QUORUM,
      entries: packEntries,
      anchors,
      selection,
    });

    const files = Object.keys(manifest.files).length;
    const erased = packEntries.filter((e) => e.erased).length;
    const recorded = await this.transactions.run(async (tx) => {
      const entry = await this.ledger.record(tx, {
        tenantId,
        actor: request.actor,
        action: AUDIT_EXPORT_ACTION,
        // A subject's pack is about that data subject, so the record of it is sealed (and erased) with their key.
        subject: selection.kind === 'subject' ? selection.subject : { type: 'audit_log', id: log.origin },
        payload: {
          selection:
            selection.kind === 'subject'
              ? { kind: 'subject', subject: { type: selection.subject.type, id: selection.subject.id } }
              : { kind: 'index-range', start: selection.start, end: selection.end },
          checkpoint: { size, rootHash: manifest.checkpoint.rootHash },
          entries: packEntries.length,
          erased,
          anchors: anchors.length,
          files,
          ...(request.exportId !== undefined ? { exportId: request.exportId } : {}),
        },
      });
      await request.commit?.(tx, { entryId: entry.entryId, origin: log.origin });
      return entry;
    });
    return {
      directory: request.directory,
      origin: log.origin,
      manifest,
      checkpointSize: size,
      entries: packEntries.length,
      erased,
      anchors: anchors.length,
      files,
      notYetCheckpointed:
        selection.kind === 'subject'
          ? await this.entries.countBySubjectFrom(log.id, selection.subject.type, selection.subject.id, size)
          : 0,
      recordedEntryId: recorded.entryId,
    };
  }

  private async select(log: AuditLogRef, selection: AuditExportSelection, size: number): Promise<StoredAuditEntry[]> {
    if (selection.kind === 'subject') {
      const { type, id } = selection.subject;
      const found = await this.entries.findBySubject(log.id, type, id, size, this.maxEntries + 1);
      if (found.length > this.maxEntries) throw this.subjectTooLarge(selection.subject);
      if (found.length === 0) throw nothingCovered(selection.subject, size);
      return found;
    }
    this.checkRange(selection, size);
    const { start, end } = selection;
    const found: StoredAuditEntry[] = [];
    for await (const entry of this.entries.stream(log.id, start, end)) found.push(entry);
    if (found.length !== end - start || found.some((entry, i) => entry.index !== start + i)) {
      const missing = found.findIndex((entry, i) => entry.index !== start + i);
      throw new AuditExportError(
        'audit/export_entry_tampered',
        'unprocessable',
        `the entry at index ${missing === -1 ? start + found.length : start + missing} is missing; run verity audit fsck`,
      );
    }
    return found;
  }

  /** Entries one pack may hold (AUDIT_EXPORT_MAX_ENTRIES). */
  get maxEntries(): number {
    return this.config.values.AUDIT_EXPORT_MAX_ENTRIES;
  }

  /**
   * Checks a selection against the tenant's log as `export` would, without building anything, so that a request
   * that cannot succeed is refused before it is queued: `audit/export_range_invalid` (400), `audit/export_too_large`
   * and `audit/export_nothing_selected` (422; also when the log has no signed checkpoint yet).
   */
  async preflight(tenantId: string, selection: AuditExportSelection): Promise<AuditExportPreflight> {
    const log = await this.logs.findByTenant(tenantId);
    const checkpoint = log ? await this.checkpoints.latest(log.id) : null;
    if (!log || !checkpoint) {
      throw new AuditExportError(
        'audit/export_nothing_selected',
        'unprocessable',
        "the tenant's audit log has no signed checkpoint yet, so no entry can be exported",
      );
    }
    const size = checkpoint.treeSize;
    if (selection.kind === 'index-range') {
      this.checkRange(selection, size);
      return { origin: log.origin, checkpointSize: size, entries: selection.end - selection.start };
    }
    const { type, id } = selection.subject;
    const all = await this.entries.countBySubjectFrom(log.id, type, id, 0);
    if (all > this.maxEntries) throw this.subjectTooLarge(selection.subject);
    const covered = all - (await this.entries.countBySubjectFrom(log.id, type, id, size));
    if (covered <= 0) throw nothingCovered(selection.subject, size);
    return { origin: log.origin, checkpointSize: size, entries: covered };
  }

  private checkRange({ start, end }: { start: number; end: number }, size: number): void {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start || end > size) {
      throw new AuditExportError(
        'audit/export_range_invalid',
        'invalid',
        `the index range [${start}, ${end}) must be non-empty and within the latest checkpoint, which covers [0, ${size})`,
      );
    }
    if (end - start > this.maxEntries) {
      throw new AuditExportError(
        'audit/export_too_large',
        'unprocessable',
        `[${start}, ${end}) holds ${end - start} entries; one pack holds at most ${this.maxEntries} (AUDIT_EXPORT_MAX_ENTRIES): export it in smaller index ranges`,
      );
    }
  }

  private subjectTooLarge({ type, id }: AuditSubject): AuditExportError {
    return new AuditExportError(
      'audit/export_too_large',
      'unprocessable',
      `the subject ${type}:${id} has more than ${this.maxEntries} entries (AUDIT_EXPORT_MAX_ENTRIES); export it in index ranges`,
    );
  }

  private packEntry(
    entry: StoredAuditEntry,
    hashes: Uint8Array[],
    note: string,
    ring: Awaited<ReturnType<AuditPayloadOpener['keyRing']>>,
  ): EvidencePackEntryInput {
    const index = entry.index ?? 0;
    const leaf = auditLeafBytes({
      recordedAt: entry.recordedAt,
      actor: { type: entry.actorType, id: entry.actorId },
      action: entry.action,
      subject: { type: entry.subjectType, id: entry.subjectId },
      payloadHash: entry.payloadHash,
    });
    if (entry.leafHash === null || !merkleHashesEqual(hashLeaf(leaf), entry.leafHash)) {
      throw tampered(index, 'its row no longer hashes to its leaf');
    }
    const proof = encodeTlogProof({ index, hashes, checkpoint: note });
    const opened = this.payloads.open(entry, ring);
    switch (opened.status) {
      case 'present':
        return { index, leaf, proof, erased: false, payload: opened.payload, salt: opened.salt };
      case 'erased':
        return { index, leaf, proof, erased: true };
      case 'tampered':
        throw tampered(index, opened.reason);
      case 'key_unusable':
        throw tampered(index, 'its subject key does not unwrap with the configured AUDIT_MASTER_KEY');
    }
  }

  /**
   * The stored receipts of this checkpoint. Receipts are kept per tree size, and a checkpoint of one size can be
   * re-signed (a key rotation, new cosignatures): only receipts whose SHA-256 is that of the note exported are
   * about it. Kinds without a SHA-256 member are kept; the verifiers report them as unchecked.
   */
  private async anchorsFor(logId: string, size: number, note: string): Promise<EvidenceAnchorReceipt[]> {
    const digest = createHash('sha256').update(note, 'utf8').digest('hex');
    const stored = await this.anchors.listForLog(logId, { treeSize: size });
    return stored
      .map((s) => s.receipt)
      .filter((receipt) => {
        const claimed = receipt.sha256 ?? receipt.imprintSha256;
        return typeof claimed !== 'string' || claimed.toLowerCase() === digest;
      });
  }
}

function nothingCovered({ type, id }: AuditSubject, size: number): AuditExportError {
  return new AuditExportError(
    'audit/export_nothing_selected',
    'unprocessable',
    `no entry about ${type}:${id} is covered by the latest checkpoint (size ${size})`,
  );
}

function tampered(index: number, reason: string): AuditExportError {
  return new AuditExportError(
    'audit/export_entry_tampered',
    'unprocessable',
    `the entry at index ${index} cannot be exported: ${reason}; run verity audit fsck`,
  );
}
