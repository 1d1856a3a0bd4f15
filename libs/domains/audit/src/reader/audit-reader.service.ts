import { Injectable } from '@nestjs/common';
import { AuditLedgerError } from '../audit-ledger.errors.js';
import { AuditCheckpointRepository } from '../checkpoint/audit-checkpoint.repository.js';
import { PayloadCipher } from '../erasure/payload.cipher.js';
import { AuditSubjectKeyRepository } from '../erasure/audit-subject-key.repository.js';
import { AuditEntryRepository, type StoredAuditEntry } from '../ledger/audit-entry.repository.js';
import type { AuditActor, AuditSubject } from '../ledger/audit-event.types.js';
import { PAYLOAD_SALT_SIZE, auditLeafBytes, saltedPayloadHash } from '../ledger/audit-leaf.codec.js';
import { AuditLogRepository, type AuditLogRef } from '../ledger/audit-log.repository.js';
import { parseSignedNote } from '../note/signed-note.codec.js';
import { consistencyProof } from '../proof/consistency-proof.builder.js';
import { inclusionProof } from '../proof/inclusion-proof.builder.js';
import { AuditTreeRepository } from '../sequencer/audit-tree.repository.js';
import { StoredSubtreeSource } from '../sequencer/stored-subtree.source.js';
import { hashLeaf, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';

/** Entries per page of readEntries(). */
export const AUDIT_ENTRIES_PAGE_LIMIT = 1_000;

/**
 * - `present`: the payload decrypted and matches the hash the leaf commits to;
 * - `erased`: the data subject's key was deleted (erasure), so the payload is gone for good, as intended;
 * - `tampered`: the payload does not decrypt or does not match its hash: it was altered.
 */
export type AuditPayloadStatus = 'present' | 'erased' | 'tampered';

export interface ReadAuditEntry {
  readonly index: number;
  /** The exact bytes the leaf hash is computed from, rebuilt from the stored fields. */
  readonly leaf: Uint8Array;
  /** Whether SHA-256(0x00 ‖ leaf) is the leaf hash the tree holds; false means the entry row was altered. */
  readonly leafMatchesTree: boolean;
  readonly recordedAt: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly subject: AuditSubject;
  readonly payloadHash: Uint8Array;
  readonly payloadStatus: AuditPayloadStatus;
  /** The decoded payload when present, otherwise null. */
  readonly payload: unknown;
}

export interface AuditEntriesPage {
  readonly treeSize: number;
  readonly start: number;
  /** Exclusive end actually served (clamped to the tree size and the page limit). */
  readonly end: number;
  readonly entries: readonly ReadAuditEntry[];
}

/** The read side of a tenant's log: checkpoints, entries, proofs and keys, as the HTTP API serves them. */
@Injectable()
export class AuditReader {
  constructor(
    private readonly logs: AuditLogRepository,
    private readonly entries: AuditEntryRepository,
    private readonly tree: AuditTreeRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly keys: AuditSubjectKeyRepository,
    private readonly cipher: PayloadCipher,
  ) {}

  async latestCheckpoint(tenantId: string): Promise<string> {
    const log = await this.requireLog(tenantId);
    const latest = await this.checkpoints.latest(log.id);
    if (!latest) {
      throw new AuditLedgerError('audit/checkpoint_not_found', 'not_found', 'The log has no signed checkpoint yet');
    }
    return latest.note;
  }

  async readEntries(tenantId: string, start: number, end?: number): Promise<AuditEntriesPage> {
    const log = await this.requireLog(tenantId);
    const treeSize = await this.tree.size(log.id);
    const from = Math.min(start, treeSize);
    const to = Math.max(from, Math.min(end ?? from + 100, from + AUDIT_ENTRIES_PAGE_LIMIT, treeSize));
    const stored = await this.entries.findByIndexRange(log.id, from, to);
    return { treeSize, start: from, end: to, entries: await this.decodeEntries(tenantId, stored) };
  }

  /**
   * Decodes entries the caller read from the tenant's log (searches read them by other criteria than the index
   * range): the leaf bytes, whether they still match the tree, and the payload opened with its subject's key.
   */
  async decodeEntries(tenantId: string, stored: readonly StoredAuditEntry[]): Promise<ReadAuditEntry[]> {
    const keys = await this.subjectKeys(tenantId, stored);
    return stored.map((entry) => this.decode(tenantId, entry, keys));
  }

  async inclusionProof(tenantId: string, index: number, size: number): Promise<Uint8Array[]> {
    if (index >= size) {
      throw new AuditLedgerError(
        'audit/proof_index_out_of_range',
        'invalid',
        `leaf index ${index} is not below tree size ${size}`,
      );
    }
    const log = await this.requireLog(tenantId);
    await this.assertWithinTree(log, size);
    return inclusionProof(index, size, this.source(log));
  }

  async consistencyProof(tenantId: string, from: number, to: number): Promise<Uint8Array[]> {
    if (from > to) {
      throw new AuditLedgerError(
        'audit/proof_sizes_reversed',
        'invalid',
        `a consistency proof goes from a smaller tree to a larger one; ${from} is larger than ${to}`,
      );
    }
    const log = await this.requireLog(tenantId);
    await this.assertWithinTree(log, to);
    return consistencyProof(from, to, this.source(log));
  }

  /**
   * The log's origin (null before the tenant's first entry), every key that ever signed a checkpoint (retired ones
   * too, for old checkpoints), and the ones whose signatures the latest checkpoint carries.
   */
  async verifierKeys(tenantId: string): Promise<{ origin: string | null; keys: string[]; current: string[] }> {
    const log = await this.logs.findByTenant(tenantId);
    const published = await this.checkpoints.verifierKeys();
    const latest = log ? await this.checkpoints.latest(log.id) : null;
    const signedBy = new Set(latest ? parseSignedNote(latest.note).signatures.map((s) => `${s.name}+${s.keyId}`) : []);
    return {
      origin: log?.origin ?? null,
      keys: published.map((k) => k.verifierKey),
      current: published.filter((k) => signedBy.has(`${k.name}+${k.keyId}`)).map((k) => k.verifierKey),
    };
  }

  private async requireLog(tenantId: string): Promise<AuditLogRef> {
    const log = await this.logs.findCommitted(tenantId);
    if (!log)
      throw new AuditLedgerError('audit/log_not_found', 'not_found', 'Nothing was recorded for this tenant yet');
    return log;
  }

  private async assertWithinTree(log: AuditLogRef, size: number): Promise<void> {
    const treeSize = await this.tree.size(log.id);
    if (size > treeSize) {
      throw new AuditLedgerError(
        'audit/tree_size_exceeded',
        'unprocessable',
        `the log has integrated ${treeSize} entries; there is no tree of size ${size} yet`,
      );
    }
  }

  private source(log: AuditLogRef): StoredSubtreeSource {
    return new StoredSubtreeSource((addresses) => this.tree.subtreeHashes(log.id, addresses));
  }

  private async subjectKeys(
    tenantId: string,
    stored: readonly StoredAuditEntry[],
  ): Promise<Map<string, Buffer | null>> {
    const ids = [...new Set(stored.flatMap((e) => (e.subjectKeyId ? [e.subjectKeyId] : [])))];
    const found = new Map<string, Buffer | null>();
    for (const key of await this.keys.findByIds(tenantId, ids)) {
      const subject = { tenantId, subjectType: key.subjectType, subjectId: key.subjectId };
      found.set(key.id, this.cipher.unwrapSubjectKey(subject, key.masterKeyId, key.wrappedKey) ?? null);
    }
    return found;
  }

  private decode(tenantId: string, entry: StoredAuditEntry, keys: Map<string, Buffer | null>): ReadAuditEntry {
    const actor: AuditActor = { type: entry.actorType, id: entry.actorId };
    const subject: AuditSubject = { type: entry.subjectType, id: entry.subjectId };
    const leaf = auditLeafBytes({
      recordedAt: entry.recordedAt,
      actor,
      action: entry.action,
      subject,
      payloadHash: entry.payloadHash,
    });
    const leafMatchesTree = entry.leafHash !== null && merkleHashesEqual(hashLeaf(leaf), entry.leafHash);
    const { status, payload } = this.openPayload(entry, keys);
    return {
      index: entry.index ?? -1,
      leaf,
      leafMatchesTree,
      recordedAt: entry.recordedAt,
      actor,
      action: entry.action,
      subject,
      payloadHash: new Uint8Array(entry.payloadHash),
      payloadStatus: status,
      payload,
    };
  }

  private openPayload(
    entry: StoredAuditEntry,
    keys: Map<string, Buffer | null>,
  ): { status: AuditPayloadStatus; payload: unknown } {
    let salt: Uint8Array;
    let payloadBytes: Uint8Array;
    if (entry.payloadClear !== null && entry.payloadSalt !== null) {
      salt = entry.payloadSalt;
      payloadBytes = new TextEncoder().encode(entry.payloadClear);
    } else if (entry.subjectKeyId !== null && entry.payloadCiphertext !== null) {
      if (!keys.has(entry.subjectKeyId)) return { status: 'erased', payload: null };
      const key = keys.get(entry.subjectKeyId);
      const opened = key
        ? this.cipher.openPayload(key, entry.payloadCiphertext, entry.payloadHash, PAYLOAD_SALT_SIZE)
        : undefined;
      if (!opened) return { status: 'tampered', payload: null };
      ({ salt, payloadBytes } = opened);
    } else {
      return { status: 'tampered', payload: null };
    }
    if (!merkleHashesEqual(saltedPayloadHash(salt, payloadBytes), entry.payloadHash)) {
      return { status: 'tampered', payload: null };
    }
    try {
      return { status: 'present', payload: JSON.parse(new TextDecoder().decode(payloadBytes)) as unknown };
    } catch {
      return { status: 'tampered', payload: null };
    }
  }
}
