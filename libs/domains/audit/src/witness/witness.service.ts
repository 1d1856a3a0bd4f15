import { AuditError, ProofError, SignedNoteError, WitnessError } from '../audit.errors.js';
import { encodeBase64 } from '../canonical/base64.codec.js';
import type { Checkpoint } from '../note/checkpoint.codec.js';
import { openCheckpoint } from '../note/checkpoint.verifier.js';
import { Ed25519NoteVerifier } from '../note/ed25519-note.verifier.js';
import { formatNoteSignatureLine, parseSignedNote } from '../note/signed-note.codec.js';
import type { NoteSignature } from '../note/signed-note.codec.js';
import type { NoteSigner } from '../note/signed-note.signer.js';
import { verifyConsistency } from '../proof/consistency-proof.verifier.js';
import { emptyTreeRoot, merkleHashesEqual } from '../tree/merkle-tree.hasher.js';
import { MAX_WITNESS_PROOF_HASHES } from './witness-request.codec.js';
import type { WitnessedLog, WitnessLogger, WitnessLogState, WitnessStateStorage } from './witness.types.js';

/** A cosigner key of this witness; the verifier key, when known, is shown on the witness's health page. */
export type WitnessCosigner = NoteSigner & { readonly verifierKey?: string };

export interface WitnessServiceOptions {
  /** The witness key(s); usually one Ed25519CosignatureSigner. */
  readonly cosigners: readonly WitnessCosigner[];
  readonly logs: readonly WitnessedLog[];
  readonly state: WitnessStateStorage;
  readonly logger?: WitnessLogger;
  readonly clock?: () => Date;
}

export interface WitnessCosignResult {
  readonly checkpoint: Checkpoint;
  /** The cosignatures, one per witness key. */
  readonly cosignatures: readonly NoteSignature[];
  /** The same as note signature lines (`— <name> <base64>\n` each): the body of a 200 answer. */
  readonly signatureLines: string;
}

interface SubmittedCheckpoint {
  readonly origin: string;
  readonly oldSize: number;
  readonly consistencyProof: readonly Uint8Array[];
  readonly signedCheckpoint: string;
  readonly checkpoint: Checkpoint;
}

const silentLogger: WitnessLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Groups log verifier keys by their key name, which c2sp.org/tlog-checkpoint makes the log's origin. Several keys of
 * one name are one log during a key rotation.
 */
export function witnessedLogsFromVerifierKeys(verifierKeys: readonly string[]): WitnessedLog[] {
  const byOrigin = new Map<string, Ed25519NoteVerifier[]>();
  for (const key of verifierKeys) {
    const verifier = Ed25519NoteVerifier.fromVerifierKey(key);
    const known = byOrigin.get(verifier.name) ?? [];
    // A key given twice would make every signature by it ambiguous to openSignedNote.
    if (known.some(({ verifierKey }) => verifierKey === verifier.verifierKey)) continue;
    byOrigin.set(verifier.name, [...known, verifier]);
  }
  return [...byOrigin].map(([origin, verifiers]) => ({ origin, verifiers }));
}

function originLine(note: string): string | undefined {
  try {
    const { text } = parseSignedNote(note);
    return text.slice(0, text.indexOf('\n'));
  } catch (error) {
    if (error instanceof SignedNoteError) return undefined;
    throw error;
  }
}

/**
 * The rules of a c2sp.org/tlog-witness witness. It cosigns a checkpoint only if the log signed it, the client knows the
 * size the witness last cosigned, and the checkpoint provably extends that one; and it persists the new size before it
 * answers. So the witness never vouches for two trees of one log that are not prefixes of each other — a log that
 * shows different histories to different people is caught by the witnesses it needs to convince.
 */
export class WitnessService {
  private readonly logs: ReadonlyMap<string, WitnessedLog>;
  private readonly logger: WitnessLogger;
  private readonly clock: () => Date;

  constructor(private readonly options: WitnessServiceOptions) {
    if (options.cosigners.length === 0) throw new Error('a witness needs at least one cosigner key');
    const logs = new Map<string, WitnessedLog>();
    for (const log of options.logs) {
      if (logs.has(log.origin)) throw new Error(`log ${JSON.stringify(log.origin)} is configured twice`);
      if (log.verifiers.length === 0) throw new Error(`log ${JSON.stringify(log.origin)} has no verifier key`);
      logs.set(log.origin, log);
    }
    this.logs = logs;
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? (() => new Date());
  }

  get cosignerVerifierKeys(): readonly string[] {
    return this.options.cosigners.flatMap(({ verifierKey }) => (verifierKey === undefined ? [] : [verifierKey]));
  }

  get origins(): readonly string[] {
    return [...this.logs.keys()];
  }

  /**
   * Handles one add-checkpoint request and returns the cosignature(s). Throws WitnessError with the code the HTTP
   * layer maps to a status: request_malformed, unknown_log, log_signature_invalid, size_conflict (carrying the
   * stored size), fork, proof_invalid.
   */
  async addCheckpoint(
    oldSize: number,
    consistencyProof: readonly Uint8Array[],
    signedCheckpoint: string,
  ): Promise<WitnessCosignResult> {
    if (!Number.isSafeInteger(oldSize) || oldSize < 0) {
      throw new WitnessError('audit/witness_request_malformed', `old size ${oldSize} is not a tree size`);
    }
    if (consistencyProof.length > MAX_WITNESS_PROOF_HASHES) {
      throw new WitnessError('audit/witness_request_malformed', `more than ${MAX_WITNESS_PROOF_HASHES} proof hashes`);
    }
    const origin = originLine(signedCheckpoint);
    if (origin === undefined) {
      throw new WitnessError('audit/witness_request_malformed', 'the checkpoint is not a signed note');
    }
    const log = this.logs.get(origin);
    if (log === undefined) {
      throw new WitnessError('audit/witness_unknown_log', `this witness does not follow ${JSON.stringify(origin)}`);
    }
    const checkpoint = this.openLogCheckpoint(log, signedCheckpoint);
    if (oldSize > checkpoint.size) {
      throw new WitnessError(
        'audit/witness_request_malformed',
        `old size ${oldSize} is larger than the checkpoint size ${checkpoint.size}`,
      );
    }

    const request = { origin, oldSize, consistencyProof, signedCheckpoint, checkpoint };
    const message = new TextEncoder().encode(parseSignedNote(signedCheckpoint).text);
    const cosignatures = await this.options.state.withLog(origin, async (stored, commit) => {
      try {
        this.checkAgainstStored(stored, request);
      } catch (error) {
        await this.keepEvidence(error, stored, request);
        throw error;
      }
      await commit({
        origin,
        size: checkpoint.size,
        rootHash: checkpoint.rootHash,
        checkpoint: signedCheckpoint,
        updatedAt: this.clock().toISOString(),
      });
      // Signed after the commit is durable, so a cosignature never gets ahead of what the witness remembers, and
      // under the lock, so a later timestamp never vouches for a tree the witness has already seen outgrown.
      return Promise.all(
        this.options.cosigners.map(async (cosigner) => ({
          name: cosigner.name,
          keyId: cosigner.keyId,
          signature: await cosigner.sign(message),
        })),
      );
    });
    this.logger.info('cosigned checkpoint', { origin, size: checkpoint.size, oldSize });
    return { checkpoint, cosignatures, signatureLines: cosignatures.map(formatNoteSignatureLine).join('') };
  }

  private openLogCheckpoint(log: WitnessedLog, signedCheckpoint: string): Checkpoint {
    try {
      return openCheckpoint(signedCheckpoint, log.verifiers, { origin: log.origin }).checkpoint;
    } catch (error) {
      if (
        error instanceof SignedNoteError &&
        (error.code === 'audit/note_invalid_signature' || error.code === 'audit/note_unverified')
      ) {
        this.logger.warn('refused a checkpoint without a valid log signature', {
          origin: log.origin,
          code: error.code,
        });
        throw new WitnessError(
          'audit/witness_log_signature_invalid',
          `the checkpoint has no valid signature by a key of ${JSON.stringify(log.origin)}: ${error.message}`,
          {},
          { cause: error },
        );
      }
      if (error instanceof AuditError) {
        throw new WitnessError('audit/witness_request_malformed', error.message, {}, { cause: error });
      }
      throw error;
    }
  }

  private checkAgainstStored(stored: WitnessLogState | undefined, request: SubmittedCheckpoint): void {
    const { origin, oldSize, consistencyProof, checkpoint } = request;
    // Before the first cosignature the witness knows the empty tree, which every tree extends.
    const storedSize = stored?.size ?? 0;
    const storedRoot = stored?.rootHash ?? emptyTreeRoot();
    if (oldSize !== storedSize) {
      throw new WitnessError(
        'audit/witness_size_conflict',
        `the witness last cosigned ${JSON.stringify(origin)} at size ${storedSize}, not ${oldSize}`,
        { storedSize },
      );
    }
    if (checkpoint.size === 0 && !merkleHashesEqual(checkpoint.rootHash, emptyTreeRoot())) {
      // Not a second view of the log: no tree of size 0 has another root, so the checkpoint is simply false.
      throw new WitnessError('audit/witness_proof_invalid', 'a checkpoint of size 0 must carry the empty tree root', {
        storedSize,
      });
    }
    if (checkpoint.size === storedSize && !merkleHashesEqual(checkpoint.rootHash, storedRoot)) {
      this.logger.error('FORK: the log signed two different roots for one tree size', {
        origin,
        size: checkpoint.size,
        storedRoot: encodeBase64(storedRoot),
        submittedRoot: encodeBase64(checkpoint.rootHash),
        storedCheckpoint: stored?.checkpoint ?? null,
        submittedCheckpoint: request.signedCheckpoint,
      });
      throw new WitnessError(
        'audit/witness_fork',
        `${JSON.stringify(origin)} presented root ${encodeBase64(checkpoint.rootHash)} for size ${checkpoint.size}, ` +
          `but the witness cosigned root ${encodeBase64(storedRoot)} for that size`,
        { storedSize },
      );
    }
    if (oldSize === 0 && consistencyProof.length > 0) {
      throw new WitnessError('audit/witness_proof_invalid', 'a proof from size 0 must be empty', { storedSize });
    }
    try {
      verifyConsistency(storedSize, checkpoint.size, consistencyProof, storedRoot, checkpoint.rootHash);
    } catch (error) {
      if (!(error instanceof ProofError)) throw error;
      throw new WitnessError(
        'audit/witness_proof_invalid',
        `the checkpoint of size ${checkpoint.size} is not proven to extend size ${storedSize}: ${error.message}`,
        { storedSize },
        { cause: error },
      );
    }
  }

  /**
   * A fork or a failed proof comes with a valid log signature, so it may be the log misbehaving: the spec lets the
   * witness keep such requests, and with the stored checkpoint they are the evidence a regulator would need.
   */
  private async keepEvidence(
    error: unknown,
    stored: WitnessLogState | undefined,
    request: SubmittedCheckpoint,
  ): Promise<void> {
    if (!(error instanceof WitnessError)) return;
    if (error.code !== 'audit/witness_fork' && error.code !== 'audit/witness_proof_invalid') return;
    const kind = error.code === 'audit/witness_fork' ? 'fork' : 'inconsistent_proof';
    if (kind === 'inconsistent_proof') {
      this.logger.warn('refused a checkpoint whose consistency proof fails', {
        origin: request.origin,
        oldSize: request.oldSize,
        reason: error.message,
      });
    }
    try {
      await this.options.state.recordEvidence({
        kind,
        origin: request.origin,
        stored: {
          size: stored?.size ?? 0,
          rootHash: encodeBase64(stored?.rootHash ?? emptyTreeRoot()),
          checkpoint: stored?.checkpoint ?? null,
        },
        submitted: {
          oldSize: request.oldSize,
          proof: request.consistencyProof.map(encodeBase64),
          checkpoint: request.signedCheckpoint,
        },
      });
    } catch (evidenceError) {
      // The refusal stands either way; losing the evidence must not turn it into a server error.
      this.logger.error('could not record witness evidence', { origin: request.origin, error: String(evidenceError) });
    }
  }
}
