import { WitnessError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { decodeCanonicalDecimal } from '../canonical/decimal.codec.js';
import { isTreeSize } from '../tree/merkle-tree.arithmetic.js';
import { MERKLE_HASH_SIZE } from '../tree/merkle-tree.hasher.js';

/** c2sp.org/tlog-witness: a client MUST NOT send more than 63 consistency proof lines (enough for any 2^63 tree). */
export const MAX_WITNESS_PROOF_HASHES = 63;

/** The media type of a 409 Conflict answer, whose body is the witness's stored size and a newline. */
export const TLOG_SIZE_MEDIA_TYPE = 'text/x.tlog.size';

/** The body of `POST <prefix>/add-checkpoint`. */
export interface AddCheckpointRequest {
  /** The size of the checkpoint the witness last cosigned for this log, as the client believes it (0 at first). */
  readonly oldSize: number;
  /** RFC 6962 consistency proof from `oldSize` to the new checkpoint's size; empty when `oldSize` is 0. */
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint note, with the log's signature(s) and any cosignatures. */
  readonly checkpoint: string;
}

function malformed(reason: string): WitnessError {
  return new WitnessError('audit/witness_request_malformed', `malformed add-checkpoint request: ${reason}`);
}

/** `old <N>\n`, one base64 hash per line, an empty line, then the signed checkpoint. */
export function formatAddCheckpointRequest({ oldSize, proof, checkpoint }: AddCheckpointRequest): string {
  if (!isTreeSize(oldSize)) throw malformed(`old size ${oldSize} is not a non-negative safe integer`);
  if (proof.length > MAX_WITNESS_PROOF_HASHES) throw malformed(`more than ${MAX_WITNESS_PROOF_HASHES} proof hashes`);
  return [`old ${oldSize}\n`, ...proof.map((hash) => `${encodeBase64(hash)}\n`), '\n', checkpoint].join('');
}

/** Parses the request body, checking syntax only; the checkpoint's signatures are the service's business. */
export function parseAddCheckpointRequest(body: string | Uint8Array): AddCheckpointRequest {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      throw malformed('the body is not UTF-8');
    }
  }
  // A checkpoint starts with its non-empty origin line, so the first blank line always ends the proof.
  const split = text.indexOf('\n\n');
  if (split < 0) throw malformed('no empty line between the proof and the checkpoint');
  const [oldLine, ...proofLines] = text.slice(0, split).split('\n');
  const checkpoint = text.slice(split + 2);
  if (!oldLine.startsWith('old ')) throw malformed('the first line must be "old <size>"');
  const oldSize = decodeCanonicalDecimal(oldLine.slice('old '.length));
  if (oldSize === undefined) throw malformed('the old size is not a decimal without leading zeroes below 2^53');
  if (proofLines.length > MAX_WITNESS_PROOF_HASHES) {
    throw malformed(`${proofLines.length} proof hashes; at most ${MAX_WITNESS_PROOF_HASHES} are allowed`);
  }
  const proof = proofLines.map((line, i) => {
    const hash = decodeBase64(line);
    if (hash === undefined || hash.length !== MERKLE_HASH_SIZE) {
      throw malformed(`proof line ${i + 1} is not the base64 of a ${MERKLE_HASH_SIZE}-byte hash`);
    }
    return hash;
  });
  if (checkpoint.length === 0) throw malformed('the signed checkpoint is missing');
  return { oldSize, proof, checkpoint };
}

export function formatTlogSize(size: number): string {
  return `${size}\n`;
}

/** Reads a `text/x.tlog.size` body; undefined when it is not one decimal size and a newline. */
export function parseTlogSize(body: string): number | undefined {
  return body.endsWith('\n') ? decodeCanonicalDecimal(body.slice(0, -1)) : undefined;
}
