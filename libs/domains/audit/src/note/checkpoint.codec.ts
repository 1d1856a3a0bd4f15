import { CheckpointError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { decodeCanonicalDecimal } from '../canonical/decimal.codec.js';
import { isTreeSize } from '../tree/merkle-tree.arithmetic.js';
import { MERKLE_HASH_SIZE } from '../tree/merkle-tree.hasher.js';
import { hasForbiddenNoteCharacters } from './note-text.validator.js';

/** A log's signed statement of its tree at one size (c2sp.org/tlog-checkpoint). */
export interface Checkpoint {
  /** Names the log; the log's key name should be the same. */
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Opaque extra lines; not recommended because monitors cannot audit them. */
  readonly extensions: readonly string[];
}

function malformed(reason: string): CheckpointError {
  return new CheckpointError('audit/checkpoint_malformed', `malformed checkpoint: ${reason}`);
}

function assertLine(line: string, what: string): void {
  if (line.length === 0) throw malformed(`the ${what} line is empty`);
  if (hasForbiddenNoteCharacters(line, false)) throw malformed(`the ${what} line contains control characters`);
}

/** The note text of a checkpoint: `<origin>\n<size>\n<base64 root>\n` followed by any extension lines. */
export function formatCheckpoint({
  origin,
  size,
  rootHash,
  extensions = [],
}: Omit<Checkpoint, 'extensions'> & { readonly extensions?: readonly string[] }): string {
  assertLine(origin, 'origin');
  if (!isTreeSize(size)) throw malformed(`tree size ${size} is not a non-negative safe integer`);
  if (rootHash.length !== MERKLE_HASH_SIZE) throw malformed(`the root hash must be ${MERKLE_HASH_SIZE} bytes`);
  extensions.forEach((line) => assertLine(line, 'extension'));
  return [origin, String(size), encodeBase64(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses checkpoint note text (the text of an opened note, ending with a newline). Syntax only; no signatures. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('the text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('origin, tree size and root hash lines are required');
  const [origin, sizeText, rootText, ...extensions] = lines;
  assertLine(origin, 'origin');
  const size = decodeCanonicalDecimal(sizeText);
  if (size === undefined) {
    throw malformed(`tree size ${JSON.stringify(sizeText)} is not a decimal without leading zeroes below 2^53`);
  }
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined || rootHash.length !== MERKLE_HASH_SIZE) {
    throw malformed(`the root hash is not the base64 of ${MERKLE_HASH_SIZE} bytes`);
  }
  extensions.forEach((line) => assertLine(line, 'extension'));
  return { origin, size, rootHash, extensions };
}
