import { CheckpointError } from '../audit.errors.js';
import { parseCheckpoint } from './checkpoint.codec.js';
import type { Checkpoint } from './checkpoint.codec.js';
import type { NoteSignature } from './signed-note.codec.js';
import { openSignedNote } from './signed-note.verifier.js';
import type { NoteVerifier } from './signed-note.verifier.js';

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The verified signatures (log keys, and any witness keys that were among the verifiers). */
  readonly signatures: readonly NoteSignature[];
  readonly unverifiedSignatures: readonly NoteSignature[];
  /** The signed note text the checkpoint was parsed from. */
  readonly text: string;
}

export interface OpenCheckpointOptions {
  /** The origin the caller expects; a checkpoint of another log is refused even if a trusted key signed it. */
  readonly origin?: string;
}

/** Verifies a signed checkpoint against trusted keys (see openSignedNote) and parses its body. */
export function openCheckpoint(
  signedNote: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: OpenCheckpointOptions = {},
): OpenedCheckpoint {
  const opened = openSignedNote(signedNote, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new CheckpointError(
      'audit/checkpoint_origin_mismatch',
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not the expected ${JSON.stringify(options.origin)}`,
    );
  }
  return {
    checkpoint,
    signatures: opened.signatures,
    unverifiedSignatures: opened.unverifiedSignatures,
    text: opened.text,
  };
}
