import type { NoteVerifier } from '../note/signed-note.verifier.js';

/** What a witness remembers per log: the latest checkpoint it cosigned. The size only ever grows. */
export interface WitnessLogState {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed checkpoint note exactly as the log submitted it: the log's own word, kept as evidence. */
  readonly checkpoint: string;
  /** ISO 8601 time of the last cosignature for this log. */
  readonly updatedAt: string;
}

/**
 * Misbehaviour worth keeping: a signed checkpoint that forks from the stored one (same size, other root), or one whose
 * consistency proof fails. Both carry the log's signature, so together with the stored checkpoint they are
 * evidence a third party can check.
 */
export interface WitnessEvidence {
  readonly kind: 'fork' | 'inconsistent_proof';
  readonly origin: string;
  readonly stored: { readonly size: number; readonly rootHash: string; readonly checkpoint: string | null };
  readonly submitted: { readonly oldSize: number; readonly proof: readonly string[]; readonly checkpoint: string };
}

/** Replaces the stored state of the log the lock is held for; refuses a smaller size or another root at one size. */
export type WitnessStateCommit = (next: WitnessLogState) => Promise<void>;

/** Where the witness keeps its per-log state. The filesystem store is one; anything with these guarantees will do. */
export interface WitnessStateStorage {
  /**
   * Runs `action` with the stored state of `origin` (undefined before the first cosignature) while holding that log's
   * lock, so a check and the commit that follows it are atomic with respect to other requests for the same log.
   * `commit` is durable when it resolves.
   */
  withLog<T>(
    origin: string,
    action: (current: WitnessLogState | undefined, commit: WitnessStateCommit) => Promise<T>,
  ): Promise<T>;
  recordEvidence(evidence: WitnessEvidence): Promise<void>;
}

/** A log the witness is configured for: its origin and the keys it signs checkpoints with (several while rotating). */
export interface WitnessedLog {
  readonly origin: string;
  readonly verifiers: readonly NoteVerifier[];
}

/** Structured events the witness reports; the CLI writes them as JSON lines on stderr. */
export interface WitnessLogger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}
