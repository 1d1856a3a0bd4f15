import { Injectable } from '@nestjs/common';
import { TenantContext } from '@platform/database';
import { AuditLedgerError } from '../audit-ledger.errors.js';
import { AuditError, CheckpointError, SignedNoteError } from '../audit.errors.js';
import { AuditCheckpointRepository, type StoredCheckpoint } from '../checkpoint/audit-checkpoint.repository.js';
import { auditLeafBytes } from '../ledger/audit-leaf.codec.js';
import { AuditLogRepository, type AuditLogRef } from '../ledger/audit-log.repository.js';
import type { Checkpoint } from '../note/checkpoint.codec.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { consistencyProof } from '../proof/consistency-proof.builder.js';
import { verifyConsistency } from '../proof/consistency-proof.verifier.js';
import { AuditTreeRepository } from '../sequencer/audit-tree.repository.js';
import { StoredSubtreeSource } from '../sequencer/stored-subtree.source.js';
import { CompactRangeBuilder } from '../tree/compact-range.builder.js';
import { hashLeaf, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import type { AuditFsckFailureCode } from './audit-fsck.errors.js';
import { AuditFsckRepository, type FsckLeafRow } from './audit-fsck.repository.js';
import type {
  AuditFsckFailure,
  AuditFsckLogReport,
  AuditFsckOptions,
  AuditFsckReport,
  AuditFsckSummary,
} from './audit-fsck.types.js';
import { AuditPayloadOpener } from './audit-payload.opener.js';

/** Leaves per read: the memory bound of a check, whatever the log's length. */
export const AUDIT_FSCK_PAGE_SIZE = 1_000;
const CHECKPOINT_PAGE_SIZE = 1_000;

/** Ends the check of one log at its first failure. */
class FsckStop extends Error {
  constructor(readonly failure: AuditFsckFailure) {
    super(failure.message);
  }
}

function stop(code: AuditFsckFailureCode, message: string, where: Omit<AuditFsckFailure, 'code' | 'message'> = {}) {
  return new FsckStop({ code, message, ...where });
}

/** Running totals of one log's check. */
interface LogProgress {
  leaves: number;
  nodes: number;
  checkpoints: number;
  present: number;
  erased: number;
  latestCheckpointSize: number | null;
}

/** The last checkpoint checked, for the consistency proof to the next one. */
interface CheckedCheckpoint {
  readonly id: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/**
 * `verity audit fsck`: recomputes a log from the database and names the first thing that does not hold. In one
 * streaming pass over the leaves (pages by primary key, O(page + log n) memory) it rebuilds every leaf from its entry
 * row, opens every readable payload, recomputes every perfect subtree and compares it with the stored node, and, as
 * the recomputed tree reaches each checkpoint's size, checks that checkpoint's signature against audit_verifier_keys,
 * its root, and a consistency proof from the previous checkpoint. A superuser can bypass the write-once triggers;
 * this is how such a change is found and named.
 */
@Injectable()
export class AuditFsckService {
  constructor(
    private readonly logs: AuditLogRepository,
    private readonly fsck: AuditFsckRepository,
    private readonly tree: AuditTreeRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly payloads: AuditPayloadOpener,
  ) {}

  async check(options: AuditFsckOptions = {}): Promise<AuditFsckReport> {
    let logs: AuditLogRef[];
    if (options.tenantId === undefined) logs = await this.logs.listAll();
    else {
      const log = await this.logs.findByTenant(options.tenantId);
      if (!log) {
        throw new AuditLedgerError('audit/log_not_found', 'not_found', 'Nothing was recorded for this tenant yet');
      }
      logs = [log];
    }
    const verifiers = (await this.checkpoints.verifierKeys()).map((k) =>
      Ed25519NoteVerifier.fromVerifierKey(k.verifierKey),
    );
    const reports: AuditFsckLogReport[] = [];
    for (const log of logs) {
      // Row-level security: each log is read as its own tenant.
      const report = await TenantContext.run(log.tenantId, () =>
        this.checkLog(log, verifiers, options.pageSize ?? AUDIT_FSCK_PAGE_SIZE),
      );
      reports.push(report);
    }
    const failed = reports.find((r) => r.failure !== undefined);
    return {
      ok: failed === undefined,
      ...(failed?.failure ? { failure: { ...failed.failure, logId: failed.logId, origin: failed.origin } } : {}),
      logs: reports,
      summary: summarize(reports),
    };
  }

  private async checkLog(
    log: AuditLogRef,
    verifiers: readonly Ed25519NoteVerifier[],
    pageSize: number,
  ): Promise<AuditFsckLogReport> {
    const progress: LogProgress = {
      leaves: 0,
      nodes: 0,
      checkpoints: 0,
      present: 0,
      erased: 0,
      latestCheckpointSize: null,
    };
    let failure: AuditFsckFailure | undefined;
    try {
      await this.walk(log, verifiers, pageSize, progress);
    } catch (error) {
      if (!(error instanceof FsckStop)) throw error;
      failure = error.failure;
    }
    return {
      logId: log.id,
      tenantId: log.tenantId,
      origin: log.origin,
      ok: failure === undefined,
      ...(failure ? { failure } : {}),
      leaves: progress.leaves,
      payloads: { present: progress.present, erased: progress.erased },
      nodes: progress.nodes,
      checkpoints: progress.checkpoints,
      latestCheckpointSize: progress.latestCheckpointSize,
      pending: await this.fsck.pendingCount(log.id),
    };
  }

  private async walk(
    log: AuditLogRef,
    verifiers: readonly Ed25519NoteVerifier[],
    pageSize: number,
    progress: LogProgress,
  ): Promise<void> {
    const twice = await this.fsck.entryListedTwice(log.id);
    if (twice) {
      throw stop(
        'fsck/entry_listed_twice',
        `entry ${twice.entryId} is the leaf at indexes ${twice.indexes.join(', ')}`,
        { index: twice.indexes[1], entryId: twice.entryId },
      );
    }

    const source = new StoredSubtreeSource((addresses) => this.tree.subtreeHashes(log.id, addresses));
    const builder = new CompactRangeBuilder();
    const pending = this.checkpointsOf(log.id);
    let next = await pending.next();
    let previous: CheckedCheckpoint | undefined;
    // Checks every checkpoint (in publication order) whose size the recomputed tree has reached.
    const settle = async (): Promise<void> => {
      while (!next.done && next.value.treeSize <= builder.size) {
        const stored = next.value;
        const checkpoint = this.openNote(log, stored, verifiers);
        if (stored.treeSize < builder.size) {
          throw stop(
            'fsck/checkpoint_size_decreased',
            `checkpoint ${stored.id} has size ${stored.treeSize}, smaller than the ${previous?.size ?? 0} published before it`,
            { checkpointId: stored.id, checkpointSize: stored.treeSize },
          );
        }
        if (!merkleHashesEqual(checkpoint.rootHash, builder.root())) {
          throw stop(
            'fsck/checkpoint_root_mismatch',
            `checkpoint ${stored.id} signs root ${Buffer.from(checkpoint.rootHash).toString('base64')} for size ` +
              `${stored.treeSize}, but the stored leaves give ${Buffer.from(builder.root()).toString('base64')}`,
            { checkpointId: stored.id, checkpointSize: stored.treeSize },
          );
        }
        if (previous) await this.assertConsistent(previous, stored, checkpoint, source);
        previous = { id: stored.id, size: checkpoint.size, rootHash: checkpoint.rootHash };
        progress.checkpoints += 1;
        progress.latestCheckpointSize = checkpoint.size;
        next = await pending.next();
      }
    };

    await settle();
    for (;;) {
      const page = await this.fsck.leavesFrom(log.id, builder.size, pageSize);
      if (page.length === 0) break;
      const from = builder.size;
      const nodes = await this.fsck.nodesEndingIn(log.id, from, from + page.length);
      const ring = await this.payloads.keyRing(
        log.tenantId,
        page.flatMap((row) => (row.entry ? [row.entry] : [])),
      );
      for (const row of page) {
        this.checkLeaf(log, row, builder.size);
        const entry = row.entry;
        if (entry) {
          const opened = this.payloads.open(entry, ring);
          if (opened.status === 'tampered') {
            throw stop(
              'fsck/payload_tampered',
              `the payload of leaf ${row.index} (entry ${row.entryId}): ${opened.reason}`,
              {
                index: row.index,
                entryId: row.entryId,
              },
            );
          }
          if (opened.status === 'key_unusable') {
            throw stop(
              'fsck/subject_key_unusable',
              `the subject key of leaf ${row.index} (entry ${row.entryId}, key ${entry.subjectKeyId ?? ''}) does not unwrap`,
              { index: row.index, entryId: row.entryId },
            );
          }
          if (opened.status === 'erased') progress.erased += 1;
          else progress.present += 1;
        }
        for (const completed of builder.append(row.leafHash)) {
          if (completed.level === 0) continue;
          const stored = nodes.get(`${completed.level}/${completed.index}`);
          const node = { level: completed.level, index: completed.index };
          if (!stored) {
            throw stop('fsck/node_missing', `no stored node at level ${node.level}, index ${node.index}`, { node });
          }
          if (!merkleHashesEqual(stored, completed.hash)) {
            throw stop(
              'fsck/node_mismatch',
              `the stored node at level ${node.level}, index ${node.index} (leaves ${node.index * 2 ** node.level}..` +
                `${(node.index + 1) * 2 ** node.level - 1}) is not the hash of the leaves below it`,
              { node },
            );
          }
          progress.nodes += 1;
        }
        progress.leaves = builder.size;
        await settle();
      }
      if (page.length < pageSize) break;
    }

    if (!next.done) {
      const stored = next.value;
      this.openNote(log, stored, verifiers);
      throw stop(
        'fsck/checkpoint_beyond_tree',
        `checkpoint ${stored.id} has size ${stored.treeSize}, but the stored tree has ${builder.size} leaves`,
        { checkpointId: stored.id, checkpointSize: stored.treeSize },
      );
    }
    const planted = await this.fsck.nodeBeyond(log.id, builder.size);
    if (planted) {
      throw stop(
        'fsck/node_beyond_tree',
        `a node is stored at level ${planted.level}, index ${planted.index}, beyond the tree of ${builder.size} leaves`,
        { node: planted },
      );
    }
    const outside = await this.fsck.entryOutsideTree(log.id);
    if (outside !== null) {
      throw stop('fsck/entry_outside_tree', `entry ${outside} is neither in the tree nor waiting for the sequencer`, {
        entryId: outside,
      });
    }
  }

  /** The leaf at `expected` exists, points to an entry of this log, and hashes what that entry holds. */
  private checkLeaf(log: AuditLogRef, row: FsckLeafRow, expected: number): void {
    if (row.index !== expected) {
      throw stop('fsck/index_gap', `there is no leaf at index ${expected}; the next stored leaf is ${row.index}`, {
        index: expected,
      });
    }
    const where = { index: row.index, entryId: row.entryId };
    const entry = row.entry;
    if (!entry)
      throw stop('fsck/entry_missing', `leaf ${row.index} points to entry ${row.entryId}, which does not exist`, where);
    if (entry.logId !== log.id) {
      throw stop(
        'fsck/entry_in_other_log',
        `leaf ${row.index} points to entry ${row.entryId} of log ${entry.logId}`,
        where,
      );
    }
    const leaf = auditLeafBytes({
      recordedAt: entry.recordedAt,
      actor: { type: entry.actorType, id: entry.actorId },
      action: entry.action,
      subject: { type: entry.subjectType, id: entry.subjectId },
      payloadHash: entry.payloadHash,
    });
    if (!merkleHashesEqual(hashLeaf(leaf), row.leafHash)) {
      throw stop(
        'fsck/leaf_mismatch',
        `the leaf hash at index ${row.index} is not the hash of entry ${row.entryId} as stored (action ${JSON.stringify(entry.action)})`,
        where,
      );
    }
  }

  /** Opens a stored checkpoint with the published verifier keys and checks its row against the signed body. */
  private openNote(log: AuditLogRef, stored: StoredCheckpoint, verifiers: readonly Ed25519NoteVerifier[]): Checkpoint {
    const where = { checkpointId: stored.id, checkpointSize: stored.treeSize };
    let checkpoint: Checkpoint;
    try {
      checkpoint = openCheckpoint(stored.note, verifiers, { origin: log.origin }).checkpoint;
    } catch (error) {
      if (
        error instanceof SignedNoteError &&
        (error.code === 'audit/note_invalid_signature' ||
          error.code === 'audit/note_unverified' ||
          error.code === 'audit/note_ambiguous_key')
      ) {
        throw stop('fsck/checkpoint_signature_invalid', `checkpoint ${stored.id}: ${error.message}`, where);
      }
      if (error instanceof CheckpointError && error.code === 'audit/checkpoint_origin_mismatch') {
        throw stop('fsck/checkpoint_origin_mismatch', `checkpoint ${stored.id}: ${error.message}`, where);
      }
      if (error instanceof AuditError) {
        throw stop('fsck/checkpoint_malformed', `checkpoint ${stored.id}: ${error.message}`, where);
      }
      throw error;
    }
    if (checkpoint.size !== stored.treeSize || !merkleHashesEqual(checkpoint.rootHash, stored.rootHash)) {
      throw stop(
        'fsck/checkpoint_row_mismatch',
        `checkpoint ${stored.id} is stored as size ${stored.treeSize} but its signed note says size ${checkpoint.size}` +
          (checkpoint.size === stored.treeSize ? ' with another root' : ''),
        where,
      );
    }
    return checkpoint;
  }

  private async assertConsistent(
    previous: CheckedCheckpoint,
    stored: StoredCheckpoint,
    checkpoint: Checkpoint,
    source: StoredSubtreeSource,
  ): Promise<void> {
    try {
      const proof =
        previous.size === checkpoint.size ? [] : await consistencyProof(previous.size, checkpoint.size, source);
      verifyConsistency(previous.size, checkpoint.size, proof, previous.rootHash, checkpoint.rootHash);
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      throw stop(
        'fsck/checkpoint_inconsistent',
        `checkpoint ${stored.id} (size ${checkpoint.size}) is not proven to extend checkpoint ${previous.id} ` +
          `(size ${previous.size}): ${error.message}`,
        { checkpointId: stored.id, checkpointSize: stored.treeSize },
      );
    }
  }

  private async *checkpointsOf(logId: string): AsyncGenerator<StoredCheckpoint, void> {
    let after = '0';
    for (;;) {
      const page = await this.checkpoints.list(logId, after, CHECKPOINT_PAGE_SIZE);
      yield* page;
      if (page.length < CHECKPOINT_PAGE_SIZE) return;
      after = page[page.length - 1].id;
    }
  }
}

function summarize(reports: readonly AuditFsckLogReport[]): AuditFsckSummary {
  const sum = (pick: (r: AuditFsckLogReport) => number): number => reports.reduce((total, r) => total + pick(r), 0);
  return {
    logs: reports.length,
    failed: reports.filter((r) => !r.ok).length,
    leaves: sum((r) => r.leaves),
    nodes: sum((r) => r.nodes),
    checkpoints: sum((r) => r.checkpoints),
    payloads: { present: sum((r) => r.payloads.present), erased: sum((r) => r.payloads.erased) },
    pending: sum((r) => r.pending),
  };
}
