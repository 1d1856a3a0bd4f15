import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { CompactRangeBuilder } from '../tree/compact-range.builder.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { AuditEntryRepository } from '../ledger/audit-entry.repository.js';
import { auditLeafBytes } from '../ledger/audit-leaf.codec.js';
import { AuditTreeRepository, type NewLeaf, type NewNode } from './audit-tree.repository.js';
import { StoredSubtreeSource } from './stored-subtree.source.js';

/** Entries integrated per transaction: large enough to amortise the commit, small enough to keep it short. */
export const AUDIT_SEQUENCER_BATCH_SIZE = 1_000;
/** Batches one integrate() call runs before handing the worker back to the other logs. */
const MAX_BATCHES_PER_CALL = 20;
/**
 * Time after which integrate() stops starting batches, so that the caller signs a checkpoint of what is integrated
 * (checkpoints are due every second while entries arrive) instead of integrating a long backlog first.
 */
const CALL_BUDGET_MS = 500;

/** Lets tests stop a batch halfway, inside its transaction, as a kill -9 would. */
export interface SequencerFaults {
  afterLeaves?(leaves: readonly NewLeaf[]): void;
}

export type BatchOutcome =
  | { readonly status: 'busy' }
  | { readonly status: 'idle'; readonly size: number }
  | { readonly status: 'integrated'; readonly size: number; readonly count: number };

/**
 * Integrates committed entries into their log's RFC 6962 tree. Each batch is one transaction that (1) takes the log's
 * advisory lock, (2) reads the tree size from the leaves themselves, (3) appends the waiting entries as leaves
 * size, size + 1, … and stores every perfect subtree they complete, and (4) removes them from the work list. A crash
 * anywhere rolls the whole batch back, so there is never a gap, a reused index or a missing subtree, and the next
 * batch resumes from what is stored.
 */
@Injectable()
export class AuditSequencer {
  /** Frontier after this process's last committed batch per log; used only while the stored size still matches. */
  private readonly frontiers = new Map<string, CompactRangeBuilder>();

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tree: AuditTreeRepository,
    private readonly entries: AuditEntryRepository,
  ) {}

  async integrateBatch(
    logId: string,
    faults: SequencerFaults = {},
    batchSize = AUDIT_SEQUENCER_BATCH_SIZE,
  ): Promise<BatchOutcome> {
    const outcome = await this.transactions.run(async (tx) => {
      if (!(await this.tree.tryLock(tx, logId))) return { status: 'busy' } as const;
      const size = await this.tree.size(logId, tx);
      const waiting = await this.entries.findUnsequenced(logId, batchSize, tx);
      if (waiting.length === 0) return { status: 'idle', size } as const;
      const builder = await this.frontierAt(tx, logId, size);
      const leaves: NewLeaf[] = [];
      const nodes: NewNode[] = [];
      for (const entry of waiting) {
        const index = builder.size;
        const leafHash = hashLeaf(
          auditLeafBytes({
            recordedAt: entry.recordedAt,
            actor: { type: entry.actorType, id: entry.actorId },
            action: entry.action,
            subject: { type: entry.subjectType, id: entry.subjectId },
            payloadHash: entry.payloadHash,
          }),
        );
        for (const completed of builder.append(leafHash)) if (completed.level > 0) nodes.push(completed);
        leaves.push({ index, entryId: entry.entryId, leafHash });
      }
      await this.tree.insertLeaves(tx, logId, leaves);
      faults.afterLeaves?.(leaves);
      await this.tree.insertNodes(tx, logId, nodes);
      await this.tree.removeUnsequenced(
        tx,
        waiting.map((e) => e.entryId),
      );
      return { status: 'integrated', size: builder.size, count: leaves.length, builder } as const;
    });
    if (outcome.status !== 'integrated') return outcome;
    // Only a committed frontier may be reused; a failed batch never reaches this line.
    this.frontiers.set(logId, outcome.builder);
    return { status: 'integrated', size: outcome.size, count: outcome.count };
  }

  /**
   * Integrates until the log has nothing waiting, another sequencer holds it, or the per-call budget (batches or
   * time) is spent.
   */
  async integrate(logId: string): Promise<{ integrated: number; size: number | null; busy: boolean; more: boolean }> {
    let integrated = 0;
    let size: number | null = null;
    const started = Date.now();
    for (let batch = 0; batch < MAX_BATCHES_PER_CALL && Date.now() - started < CALL_BUDGET_MS; batch += 1) {
      const outcome = await this.integrateBatch(logId);
      if (outcome.status === 'busy') return { integrated, size, busy: true, more: false };
      size = outcome.size;
      if (outcome.status === 'idle') return { integrated, size, busy: false, more: false };
      integrated += outcome.count;
    }
    // The budget ran out with entries possibly still waiting.
    return { integrated, size, busy: false, more: integrated > 0 };
  }

  private async frontierAt(tx: Tx, logId: string, size: number): Promise<CompactRangeBuilder> {
    const cached = this.frontiers.get(logId);
    // Leaves are write-once and appended only under the lock, so equal sizes mean the same tree.
    if (cached?.size === size) return new CompactRangeBuilder(cached.size, cached.hashes);
    this.frontiers.delete(logId);
    return CompactRangeBuilder.resume(size, this.source(logId, tx));
  }

  /** Stored subtrees of a log read through `manager` (the batch's transaction, so it sees its own snapshot). */
  source(logId: string, manager: Tx = this.tree.reader): StoredSubtreeSource {
    return new StoredSubtreeSource((addresses) => this.tree.subtreeHashes(logId, addresses, manager));
  }
}
