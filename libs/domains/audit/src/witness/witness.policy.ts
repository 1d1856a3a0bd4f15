import { AuditError } from '../audit.errors.js';
import { formatNoteKeyId } from '../note/note-key.codec.js';
import { formatNoteSignatureLine, parseSignedNote } from '../note/signed-note.codec.js';
import { WitnessClient } from './witness.client.js';
import type { ConsistencyProofSource } from './witness.client.js';

export interface ConfiguredWitness {
  /** The witness's submission prefix. */
  readonly url: string;
  /** Its cosigner verifier key; the name and key id must be distinct across the configured witnesses. */
  readonly verifierKey: string;
}

export interface WitnessPolicyOptions {
  readonly witnesses: readonly ConfiguredWitness[];
  /** k: how many valid cosignatures a checkpoint needs before the log publishes it. */
  readonly threshold: number;
  /** Bound on the whole collection, retries included; a slow witness counts as missing. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface CollectedCosignature {
  readonly url: string;
  readonly name: string;
  readonly line: string;
}

export interface WitnessFailure {
  readonly url: string;
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

export interface WitnessPolicyResult {
  /** Whether at least `threshold` witnesses returned a valid cosignature. */
  readonly satisfied: boolean;
  readonly threshold: number;
  readonly cosignatures: readonly CollectedCosignature[];
  readonly failures: readonly WitnessFailure[];
  /** The checkpoint with the log's signature(s) and every collected cosignature: the note to publish. */
  readonly noteText: string;
}

/**
 * k-of-n witnessing: asks every configured witness at once and reports whether k of them cosigned. One witness down
 * or slow does not hold the others up; the caller decides what to do when the policy is not satisfied (the log
 * keeps its last published checkpoint). Each witness keeps its own client, so the size it last cosigned is
 * remembered between checkpoints and most submissions need a single round trip.
 */
export class WitnessPolicy {
  readonly threshold: number;
  private readonly clients: readonly WitnessClient[];
  private readonly timeoutMs: number;

  constructor(options: WitnessPolicyOptions) {
    const n = options.witnesses.length;
    if (!Number.isInteger(options.threshold) || options.threshold < 0 || options.threshold > n) {
      throw new Error(`a witness threshold must be an integer from 0 to ${n}, got ${options.threshold}`);
    }
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.clients = options.witnesses.map(
      ({ url, verifierKey }) =>
        new WitnessClient({ url, verifierKey, timeoutMs: this.timeoutMs, fetch: options.fetch }),
    );
    // Counting one witness twice towards k would let a single party satisfy the policy alone.
    const labels = this.clients.map(({ verifier }) => `${verifier.name}+${formatNoteKeyId(verifier.keyId)}`);
    const duplicate = labels.find((label, i) => labels.indexOf(label) !== i);
    if (duplicate !== undefined) throw new Error(`witness key ${duplicate} is configured twice`);
    this.threshold = options.threshold;
  }

  async collect(
    signedCheckpoint: string,
    proofFor: ConsistencyProofSource,
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<WitnessPolicyResult> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]);
    const outcomes = await Promise.allSettled(
      this.clients.map((client) => client.submit(signedCheckpoint, proofFor, { signal })),
    );
    const cosignatures: CollectedCosignature[] = [];
    const failures: WitnessFailure[] = [];
    outcomes.forEach((outcome, i) => {
      const { url, name } = this.clients[i];
      if (outcome.status === 'fulfilled') {
        cosignatures.push({ url, name, line: outcome.value.line });
      } else {
        const error: unknown = outcome.reason;
        failures.push({
          url,
          name,
          code: error instanceof AuditError ? error.code : 'unexpected',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
    return {
      satisfied: cosignatures.length >= this.threshold,
      threshold: this.threshold,
      cosignatures,
      failures,
      noteText: this.withCosignatures(signedCheckpoint, cosignatures),
    };
  }

  /** Replaces older cosignatures of the configured witnesses with the fresh ones, keeping every other signature. */
  private withCosignatures(signedCheckpoint: string, cosignatures: readonly CollectedCosignature[]): string {
    const { text, signatures } = parseSignedNote(signedCheckpoint);
    const kept = signatures.filter(
      (signature) =>
        !this.clients.some(({ verifier }) => verifier.name === signature.name && verifier.keyId === signature.keyId),
    );
    return `${text}\n${kept.map(formatNoteSignatureLine).join('')}${cosignatures.map(({ line }) => line).join('')}`;
  }
}
