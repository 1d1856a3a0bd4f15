import { AnchorError, AuditError } from '../audit.errors.js';
import { parseCheckpoint } from '../note/checkpoint.codec.js';
import type { Checkpoint } from '../note/checkpoint.codec.js';
import { parseSignedNote } from '../note/signed-note.codec.js';
import type { AnchoredCheckpoint, AnchorReceipt } from './audit-anchor.types.js';

/**
 * Parses the note an anchor is asked to protect and checks it is the checkpoint the caller says it is. Signatures are
 * not verified: an anchor records what it was given, and verifying the log is the verifier's part.
 */
export function openAnchoredCheckpoint({ origin, size, noteText }: AnchoredCheckpoint): Checkpoint {
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(parseSignedNote(noteText).text);
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    throw new AnchorError('audit/anchor_invalid_checkpoint', `not a signed checkpoint: ${error.message}`, {
      cause: error,
    });
  }
  if (checkpoint.origin !== origin || checkpoint.size !== size) {
    throw new AnchorError(
      'audit/anchor_invalid_checkpoint',
      `the note is ${JSON.stringify(checkpoint.origin)} at size ${checkpoint.size}, ` +
        `not ${JSON.stringify(origin)} at size ${size}`,
    );
  }
  return checkpoint;
}

/** A string field of a receipt, after checking the receipt is of `kind`. */
export function receiptString(receipt: AnchorReceipt, kind: string, field: string): string {
  if (receipt.kind !== kind) {
    throw new AnchorError('audit/anchor_receipt_malformed', `a ${receipt.kind} receipt handed to the ${kind} anchor`);
  }
  const value = receipt[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AnchorError('audit/anchor_receipt_malformed', `the ${kind} receipt has no ${field}`);
  }
  return value;
}
