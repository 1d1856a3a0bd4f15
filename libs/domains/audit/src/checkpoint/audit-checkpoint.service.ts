import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedgerError } from '../audit-ledger.errors.js';
import { AuditError } from '../audit.errors.js';
import { AuditLogRepository } from '../ledger/audit-log.repository.js';
import { AuditPublicationFailureRepository } from '../monitoring/audit-publication-failure.repository.js';
import { formatCheckpoint } from '../note/checkpoint.codec.js';
import { parseSignedNote, type NoteSignature } from '../note/signed-note.codec.js';
import { signNote } from '../note/signed-note.signer.js';
import { consistencyProof } from '../proof/consistency-proof.builder.js';
import { verifyConsistency } from '../proof/consistency-proof.verifier.js';
import { AuditTreeRepository } from '../sequencer/audit-tree.repository.js';
import { StoredSubtreeSource } from '../sequencer/stored-subtree.source.js';
import { CompactRangeBuilder } from '../tree/compact-range.builder.js';
import { merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import type { WitnessPolicyResult } from '../witness/witness.policy.js';
import { AuditCheckpointRepository } from './audit-checkpoint.repository.js';
import { AUDIT_WITNESS_POLICY, type AuditWitnessing } from './audit-witness-policy.provider.js';
import { NOTE_SIGNER_PROVIDER, type NoteSignerProvider } from './note-signer.provider.js';

export type CheckpointOutcome =
  /** Another sequencer holds the log. */
  | 'busy'
  /** The latest checkpoint already covers the tree and carries every configured signature. */
  | 'current'
  /** The tree grew, but the last checkpoint is younger than AUDIT_CHECKPOINT_INTERVAL_MS. */
  | 'not_due'
  /** Fewer than AUDIT_WITNESS_QUORUM witnesses cosigned: the previous checkpoint stays published; retried next pass. */
  | 'witness_quorum_unmet'
  | 'published';

/** A checkpoint signed by the log, waiting for its witness cosignatures before it is stored. */
interface SignedCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
  /** The checkpoint it extends: it is stored only if that is still the latest. */
  readonly previousId: string | null;
}

const signatureLabel = (signature: Pick<NoteSignature, 'name' | 'keyId'>): string =>
  `${signature.name}+${signature.keyId}`;

/** The witnesses' answers in one line for logs and readiness: URL, error code and message per failure. */
function describeWitnessFailures(result: WitnessPolicyResult): string {
  const failures = result.failures.map(({ url, code, message }) => `${url}: ${code} (${message})`).join('; ');
  return `${result.cosignatures.length} of the ${result.threshold} witness cosignatures required: ${failures}`;
}

/**
 * Signs and stores C2SP checkpoints (origin, size, root) of a log. Before signing, it proves with the stored tree
 * that the new tree extends the last signed one, so a tree altered behind the log's back is never signed over. With
 * AUDIT_WITNESS_QUORUM = k > 0, a signed checkpoint is stored (and so published) only once k witnesses cosigned it,
 * with their cosignatures appended to the note; until then the previous checkpoint stays the published one.
 */
@Injectable()
export class AuditCheckpointService {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tree: AuditTreeRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly logs: AuditLogRepository,
    @Inject(NOTE_SIGNER_PROVIDER) private readonly keys: NoteSignerProvider,
    private readonly config: AppConfig,
    private readonly failures: AuditPublicationFailureRepository,
    @Optional() @Inject(AUDIT_WITNESS_POLICY) private readonly witnessing: AuditWitnessing | null = null,
  ) {}

  /** Publishes a checkpoint when the tree outgrew the last one (at most once per interval unless `force`). */
  async publishIfDue(logId: string, options: { force?: boolean } = {}): Promise<CheckpointOutcome> {
    const signed = await this.signIfDue(logId, options);
    if (typeof signed === 'string') return signed;
    return this.publishWitnessed(logId, signed);
  }

  /**
   * Signs a checkpoint when due, under the sequencer's lock. Without a witness quorum it stores it in the same
   * transaction; with one it returns it unstored, so no lock or connection is held while witnesses answer.
   */
  private async signIfDue(logId: string, options: { force?: boolean }): Promise<CheckpointOutcome | SignedCheckpoint> {
    const witnessing = this.witnessing;
    return this.transactions.run(async (tx): Promise<CheckpointOutcome | SignedCheckpoint> => {
      // The sequencer's lock: a checkpoint is computed from a tree no one is appending to.
      if (!(await this.tree.tryLock(tx, logId))) return 'busy';
      const size = await this.tree.size(logId, tx);
      const latest = await this.checkpoints.latest(logId, tx);
      const signers = this.keys.signers;
      if (latest) {
        if (latest.treeSize > size) {
          throw new AuditLedgerError(
            'audit/tree_inconsistent',
            'unavailable',
            `log ${logId} has a checkpoint of size ${latest.treeSize} but only ${size} leaves`,
          );
        }
        const signatures = parseSignedNote(latest.note).signatures.map(signatureLabel);
        // Witness cosignatures sit on the note next to the log's signatures; only the latter say who signed.
        const signedBy = new Set(signatures.filter((label) => !witnessing?.keyLabels.has(label)));
        const cosignatures = signatures.length - signedBy.size;
        const sameSigners = signers.length === signedBy.size && signers.every((s) => signedBy.has(signatureLabel(s)));
        const quorumMet = cosignatures >= (witnessing?.policy.threshold ?? 0);
        if (latest.treeSize === size && sameSigners && quorumMet) return 'current';
        if (
          latest.treeSize < size &&
          !options.force &&
          latest.ageMs < this.config.values.AUDIT_CHECKPOINT_INTERVAL_MS
        ) {
          return 'not_due';
        }
      } else if (size === 0 && !options.force) {
        return 'current';
      }
      const log = await this.logs.findById(logId, tx);
      if (!log) throw new AuditLedgerError('audit/log_not_found', 'not_found', `audit log ${logId} does not exist`);
      const source = new StoredSubtreeSource((addresses) => this.tree.subtreeHashes(logId, addresses, tx));
      const root = (await CompactRangeBuilder.resume(size, source)).root();
      if (latest) await this.assertExtends(logId, latest.treeSize, latest.rootHash, size, root, source);
      const note = await signNote(formatCheckpoint({ origin: log.origin, size, rootHash: root }), signers);
      if (witnessing) return { size, rootHash: root, note, previousId: latest?.id ?? null };
      await this.publishSignerKeys(tx);
      await this.checkpoints.insert(tx, { logId, treeSize: size, rootHash: root, note });
      return 'published';
    });
  }

  /**
   * Collects the witnesses' cosignatures and stores the checkpoint with them once k cosigned; otherwise counts a
   * witness failure and keeps the previous checkpoint. Witnesses get consistency proofs from the stored tree, which
   * is write-once, so reading it outside the signing transaction is safe.
   */
  private async publishWitnessed(logId: string, signed: SignedCheckpoint): Promise<CheckpointOutcome> {
    if (!this.witnessing) throw new Error('publishWitnessed needs a witness policy');
    const source = new StoredSubtreeSource((addresses) => this.tree.subtreeHashes(logId, addresses));
    const result = await this.witnessing.policy.collect(signed.note, (oldSize) =>
      consistencyProof(oldSize, signed.size, source),
    );
    if (!result.satisfied) {
      const reason = describeWitnessFailures(result);
      this.logger.warn(`audit log ${logId}: checkpoint ${signed.size} not published, ${reason}`);
      await this.failures.recordFailure(logId, 'witness', '', reason);
      return 'witness_quorum_unmet';
    }
    const outcome = await this.transactions.run(async (tx): Promise<CheckpointOutcome> => {
      if (!(await this.tree.tryLock(tx, logId))) return 'busy';
      // Another worker published meanwhile: its checkpoint stands, and the next pass starts from it.
      if (((await this.checkpoints.latest(logId, tx))?.id ?? null) !== signed.previousId) return 'busy';
      await this.publishSignerKeys(tx);
      await this.checkpoints.insert(tx, {
        logId,
        treeSize: signed.size,
        rootHash: signed.rootHash,
        note: result.noteText,
      });
      return 'published';
    });
    if (outcome === 'published') await this.failures.recordSuccess(logId, 'witness', '');
    return outcome;
  }

  /** The signer keys are published in the transaction of the first checkpoint they sign. */
  private async publishSignerKeys(tx: Tx): Promise<void> {
    await this.checkpoints.publishVerifierKeys(
      tx,
      this.keys.signers.map((s) => ({ verifierKey: s.verifierKey, name: s.name, keyId: s.keyId })),
    );
  }

  private async assertExtends(
    logId: string,
    fromSize: number,
    fromRoot: Uint8Array,
    toSize: number,
    toRoot: Uint8Array,
    source: StoredSubtreeSource,
  ): Promise<void> {
    try {
      if (fromSize === toSize) {
        if (merkleHashesEqual(fromRoot, toRoot)) return;
        throw new AuditError('audit/proof_root_mismatch', 'same size, different root');
      }
      verifyConsistency(fromSize, toSize, await consistencyProof(fromSize, toSize, source), fromRoot, toRoot);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`audit log ${logId}: the stored tree does not extend checkpoint ${fromSize} (${reason})`);
      throw new AuditLedgerError(
        'audit/tree_inconsistent',
        'unavailable',
        `the stored tree of size ${toSize} does not extend the signed checkpoint of size ${fromSize}: refusing to sign`,
      );
    }
  }
}
