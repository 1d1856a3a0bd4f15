import { SignedNoteError, WitnessError } from '../audit.errors.js';
import type { WitnessErrorCode } from '../audit.errors.js';
import { Ed25519CosignatureVerifier } from '../cosignature/ed25519-cosignature.verifier.js';
import { parseCheckpoint } from '../note/checkpoint.codec.js';
import { formatNoteSignatureLine, parseSignedNote } from '../note/signed-note.codec.js';
import type { NoteSignature } from '../note/signed-note.codec.js';
import { openSignedNote } from '../note/signed-note.verifier.js';
import { formatAddCheckpointRequest, parseTlogSize, TLOG_SIZE_MEDIA_TYPE } from './witness-request.codec.js';

/** Computes the RFC 6962 consistency proof from `oldSize` to the size of the checkpoint being submitted. */
export type ConsistencyProofSource = (oldSize: number) => Promise<readonly Uint8Array[]>;

export interface WitnessClientOptions {
  /** The witness's submission prefix; requests go to `<url>/add-checkpoint`. */
  readonly url: string;
  /** The witness's cosigner verifier key (type 0x04, or its type 0x01 form). */
  readonly verifierKey: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface WitnessSubmitOptions {
  /** Where to start when this client has not talked to the witness about the log yet (defaults to 0). */
  readonly oldSize?: number;
  readonly signal?: AbortSignal;
}

export interface WitnessCosignature {
  /** The witness's verified cosignature. */
  readonly signature: NoteSignature;
  /** The same as a note signature line, ready to append to the signed checkpoint. */
  readonly line: string;
}

/** A witness answers with a few signature lines; anything much larger is not a witness talking. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** A 409 names the witness's size; answering it twice is enough unless the log keeps growing under us. */
const MAX_ATTEMPTS = 3;

const STATUS_CODES: Readonly<Record<number, WitnessErrorCode>> = {
  400: 'audit/witness_request_malformed',
  403: 'audit/witness_log_signature_invalid',
  404: 'audit/witness_unknown_log',
  422: 'audit/witness_proof_invalid',
};

async function readLimited(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new WitnessError(
        'audit/witness_response_invalid',
        `the witness answered more than ${MAX_RESPONSE_BYTES} bytes`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The log's side of c2sp.org/tlog-witness: submits a signed checkpoint with a consistency proof and returns the
 * witness's cosignature, verified against the witness key. It remembers the size the witness last cosigned per log,
 * and when the witness answers 409 with another size it fetches a proof from that size and tries again.
 */
export class WitnessClient {
  readonly url: string;
  readonly verifier: Ed25519CosignatureVerifier;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly knownSizes = new Map<string, number>();

  constructor(options: WitnessClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.verifier = Ed25519CosignatureVerifier.fromVerifierKey(options.verifierKey);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetch = options.fetch ?? fetch;
  }

  get name(): string {
    return this.verifier.name;
  }

  async submit(
    signedCheckpoint: string,
    proofFor: ConsistencyProofSource,
    options: WitnessSubmitOptions = {},
  ): Promise<WitnessCosignature> {
    const { text } = parseSignedNote(signedCheckpoint);
    const checkpoint = parseCheckpoint(text);
    let oldSize = Math.min(this.knownSizes.get(checkpoint.origin) ?? options.oldSize ?? 0, checkpoint.size);
    for (let attempt = 1; ; attempt += 1) {
      const proof = oldSize === 0 ? [] : await proofFor(oldSize);
      const body = formatAddCheckpointRequest({ oldSize, proof, checkpoint: signedCheckpoint });
      const response = await this.post(body, options.signal);
      const answer = await readLimited(response).catch((error: unknown) => {
        if (error instanceof WitnessError) throw error;
        throw this.unavailable(`reading the answer failed: ${String(error)}`, response.status, error);
      });
      if (response.status === 200) {
        const cosignature = this.verifiedCosignature(text, answer);
        this.knownSizes.set(checkpoint.origin, checkpoint.size);
        return cosignature;
      }
      if (response.status !== 409) {
        const code = STATUS_CODES[response.status];
        if (code === undefined) {
          throw this.unavailable(`unexpected status ${response.status}: ${answer.trim()}`, response.status);
        }
        throw new WitnessError(code, `witness ${this.url} refused: ${answer.trim()}`, { status: response.status });
      }
      const storedSize = response.headers.get('content-type')?.startsWith(TLOG_SIZE_MEDIA_TYPE)
        ? parseTlogSize(answer)
        : undefined;
      if (storedSize === undefined) throw this.unavailable('a 409 answer without a tree size', 409);
      this.knownSizes.set(checkpoint.origin, storedSize);
      if (storedSize === oldSize) {
        // The witness agrees on the size but not the root: it has cosigned another tree of this size.
        throw new WitnessError(
          'audit/witness_fork',
          `witness ${this.url} cosigned a different root for ${JSON.stringify(checkpoint.origin)} at size ${storedSize}`,
          { storedSize, status: 409 },
        );
      }
      if (storedSize > checkpoint.size || attempt >= MAX_ATTEMPTS) {
        throw new WitnessError(
          'audit/witness_size_conflict',
          `witness ${this.url} has cosigned ${JSON.stringify(checkpoint.origin)} up to size ${storedSize}, ` +
            `which does not lead to this checkpoint of size ${checkpoint.size}`,
          { storedSize, status: 409 },
        );
      }
      oldSize = storedSize;
    }
  }

  private async post(body: string, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await this.fetch(`${this.url}/add-checkpoint`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body,
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
    } catch (error) {
      throw this.unavailable(String(error), undefined, error);
    }
  }

  private verifiedCosignature(checkpointText: string, answer: string): WitnessCosignature {
    if (!answer.endsWith('\n') || !answer.startsWith('\u2014 ')) {
      throw new WitnessError('audit/witness_response_invalid', `witness ${this.url} answered no signature lines`);
    }
    try {
      // Only the answer's lines are checked, so an older cosignature already on the note cannot stand in for them;
      // lines by keys other than the configured one are ignored, as the spec asks.
      const { signatures } = openSignedNote(`${checkpointText}\n${answer}`, [this.verifier]);
      return { signature: signatures[0], line: formatNoteSignatureLine(signatures[0]) };
    } catch (error) {
      if (!(error instanceof SignedNoteError)) throw error;
      throw new WitnessError(
        'audit/witness_response_invalid',
        `witness ${this.url} answered without a valid cosignature by ${this.verifier.verifierKey}: ${error.message}`,
        {},
        { cause: error },
      );
    }
  }

  private unavailable(reason: string, status: number | undefined, cause?: unknown): WitnessError {
    return new WitnessError(
      'audit/witness_unavailable',
      `witness ${this.url}: ${reason}`,
      { status },
      cause === undefined ? undefined : { cause },
    );
  }
}
