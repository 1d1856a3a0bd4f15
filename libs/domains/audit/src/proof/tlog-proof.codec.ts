import { TlogProofError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { decodeCanonicalDecimal } from '../canonical/decimal.codec.js';
import { isTreeSize } from '../tree/merkle-tree.arithmetic.js';
import { MERKLE_HASH_SIZE } from '../tree/merkle-tree.hasher.js';

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

// A path in a tree of at most 2^63 leaves has at most 63 hashes; anything longer is not a proof.
const MAX_PROOF_HASHES = 63;

/** An offline-verifiable proof that one entry is in the log (c2sp.org/tlog-proof). */
export interface TlogProof {
  readonly index: number;
  /** RFC 6962 inclusion proof, from the leaf's sibling up to the root's child. */
  readonly hashes: readonly Uint8Array[];
  /** The signed checkpoint note, verbatim, with its signatures and cosignatures. */
  readonly checkpoint: string;
  /** Opaque, unauthenticated data for the application (for example what is needed to recompute the leaf). */
  readonly extra?: Uint8Array;
}

function malformed(reason: string): TlogProofError {
  return new TlogProofError('audit/tlog_proof_malformed', `malformed tlog-proof: ${reason}`);
}

/** Writes the text form; store it with the `.tlog-proof` extension. */
export function encodeTlogProof({ index, hashes, checkpoint, extra }: TlogProof): string {
  if (!isTreeSize(index)) throw malformed(`index ${index} is not a non-negative safe integer`);
  if (hashes.length > MAX_PROOF_HASHES) throw malformed(`${hashes.length} proof hashes is more than any tree needs`);
  if (hashes.some((hash) => hash.length !== MERKLE_HASH_SIZE)) throw malformed('proof hashes must be 32 bytes');
  if (checkpoint.length === 0 || !checkpoint.endsWith('\n')) throw malformed('the checkpoint must be a signed note');
  const lines = [
    TLOG_PROOF_HEADER,
    ...(extra === undefined ? [] : [`extra ${encodeBase64(extra)}`]),
    `index ${index}`,
    ...hashes.map(encodeBase64),
    '',
  ];
  return `${lines.join('\n')}\n${checkpoint}`;
}

/**
 * Reads the text form, checking its syntax strictly (canonical decimal and base64, 32-byte hashes). The checkpoint is
 * returned unverified; verifyTlogProof checks it.
 */
export function decodeTlogProof(text: string): TlogProof {
  const lines = text.split('\n');
  let at = 0;
  const next = (): string | undefined => lines[at++];

  if (next() !== TLOG_PROOF_HEADER) throw malformed(`the first line must be ${TLOG_PROOF_HEADER}`);

  let extra: Uint8Array | undefined;
  let line = next();
  if (line?.startsWith('extra ')) {
    extra = decodeBase64(line.slice('extra '.length));
    if (extra === undefined) throw malformed('the extra data is not base64');
    line = next();
  }

  if (!line?.startsWith('index ')) throw malformed('the index line is missing');
  const index = decodeCanonicalDecimal(line.slice('index '.length));
  if (index === undefined) throw malformed('the index is not a decimal without leading zeroes below 2^53');

  const hashes: Uint8Array[] = [];
  for (line = next(); line !== undefined && line !== ''; line = next()) {
    const hash = decodeBase64(line);
    if (hash === undefined || hash.length !== MERKLE_HASH_SIZE) {
      throw malformed(`proof line ${hashes.length} is not the base64 of a 32-byte hash`);
    }
    hashes.push(hash);
    if (hashes.length > MAX_PROOF_HASHES) throw malformed('more proof hashes than any tree needs');
  }
  if (line === undefined) throw malformed('the blank line before the checkpoint is missing');

  const checkpoint = lines.slice(at).join('\n');
  if (checkpoint.length === 0) throw malformed('the checkpoint is missing');
  return extra === undefined ? { index, hashes, checkpoint } : { index, hashes, checkpoint, extra };
}
