import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AnchorError } from '../audit.errors.js';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { openAnchoredCheckpoint, receiptString } from './anchored-checkpoint.validator.js';
import type { AnchoredCheckpoint, AnchorReceipt, AuditAnchor } from './audit-anchor.types.js';
import { decodeTimeStampResponse, decodeTimeStampToken, encodeTimeStampRequest, OID_SHA256 } from './rfc3161.codec.js';
import type { TimeStampTokenInfo } from './rfc3161.codec.js';

export const RFC3161_ANCHOR_KIND = 'rfc3161';

/** A time-stamp response is a token with a certificate or two; anything far larger is not one. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface Rfc3161TimestampAnchorOptions {
  /** The TSA endpoint that accepts `application/timestamp-query` POSTs. */
  readonly tsaUrl: string;
  /**
   * PEM file with the CA certificate(s) the TSA certificate chains to. When set, every token is checked with
   * `openssl ts -verify` when it is issued and when it is verified; without it only the imprint and nonce are.
   */
  readonly caFile?: string;
  /** PEM file with intermediate certificates, when the TSA does not put its chain in the token. */
  readonly untrustedFile?: string;
  readonly opensslPath?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly clock?: () => Date;
}

export interface Rfc3161Receipt extends AnchorReceipt {
  readonly kind: typeof RFC3161_ANCHOR_KIND;
  readonly origin: string;
  readonly size: number;
  readonly tsaUrl: string;
  readonly hashAlgorithm: 'sha256';
  /** Hex SHA-256 of the signed note text: what the TSA signed, and the `-digest` of `openssl ts -verify`. */
  readonly imprintSha256: string;
  /** The request nonce as openssl prints it (0x…), which the token must echo. */
  readonly nonce: string;
  /** The time the TSA vouches for (ISO 8601). */
  readonly genTime: string;
  readonly serialNumber: string;
  readonly policy: string;
  /** Base64 of the DER TimeStampToken (CMS SignedData): the evidence itself. */
  readonly tokenBase64: string;
}

function hex0x(value: bigint): string {
  return `0x${value.toString(16).toUpperCase()}`;
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function mismatch(reason: string): AnchorError {
  return new AnchorError('audit/anchor_mismatch', reason);
}

/** A random positive 64-bit nonce (never 0, which a careless TSA might echo by accident). */
function randomNonce(): bigint {
  for (;;) {
    const nonce = randomBytes(8).readBigUInt64BE(0);
    if (nonce !== 0n) return nonce;
  }
}

async function readLimited(response: Response): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new AnchorError('audit/anchor_tsa_failed', `the TSA answered more than ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Anchors a checkpoint with an RFC 3161 time-stamp: a TSA signs the SHA-256 of the signed note text with its time,
 * proving the note existed then, independently of the log operator. The receipt carries the DER token, so an
 * evidence pack holds everything a regulator needs to run
 * `openssl ts -verify -digest <imprintSha256> -token_in -in token.der -CAfile tsa-ca.pem` with no network.
 */
export class Rfc3161TimestampAnchor implements AuditAnchor {
  readonly kind = RFC3161_ANCHOR_KIND;
  private readonly fetch: typeof fetch;
  private readonly clock: () => Date;

  constructor(private readonly options: Rfc3161TimestampAnchorOptions) {
    this.fetch = options.fetch ?? fetch;
    this.clock = options.clock ?? (() => new Date());
  }

  async anchor(checkpoint: AnchoredCheckpoint): Promise<Rfc3161Receipt> {
    openAnchoredCheckpoint(checkpoint);
    const digest = sha256(new TextEncoder().encode(checkpoint.noteText));
    const nonce = randomNonce();
    const token = decodeTimeStampResponse(await this.requestTimeStamp(encodeTimeStampRequest(digest, nonce)));
    const info = this.checkedInfo(token, digest, nonce);
    await this.verifySignature(token, digest);
    return {
      kind: this.kind,
      createdAt: this.clock().toISOString(),
      origin: checkpoint.origin,
      size: checkpoint.size,
      tsaUrl: this.options.tsaUrl,
      hashAlgorithm: 'sha256',
      imprintSha256: digest.toString('hex'),
      nonce: hex0x(nonce),
      genTime: info.genTime.toISOString(),
      serialNumber: hex0x(info.serialNumber),
      policy: info.policy,
      tokenBase64: encodeBase64(token),
    };
  }

  /**
   * Re-parses the token: it must time-stamp the SHA-256 of `noteText` and echo the receipt's nonce; with a CA file,
   * openssl also checks the TSA signature and certificate chain.
   */
  async verify(receipt: AnchorReceipt, noteText: string): Promise<void> {
    const token = decodeBase64(receiptString(receipt, this.kind, 'tokenBase64'));
    const nonceText = receiptString(receipt, this.kind, 'nonce');
    if (token === undefined || !/^0x[0-9A-F]+$/.test(nonceText)) {
      throw new AnchorError(
        'audit/anchor_receipt_malformed',
        'the receipt token is not base64 or its nonce not 0x-hex',
      );
    }
    const digest = sha256(new TextEncoder().encode(noteText));
    if (receiptString(receipt, this.kind, 'imprintSha256') !== digest.toString('hex')) {
      throw mismatch('the note is not the one this receipt time-stamps (its SHA-256 differs)');
    }
    this.checkedInfo(token, digest, BigInt(nonceText));
    await this.verifySignature(token, digest);
  }

  private async requestTimeStamp(request: Uint8Array): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await this.fetch(this.options.tsaUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: request,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new AnchorError(
        'audit/anchor_tsa_failed',
        `the TSA ${this.options.tsaUrl} cannot be reached: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
    const body = await readLimited(response);
    if (response.status !== 200) {
      throw new AnchorError(
        'audit/anchor_tsa_failed',
        `the TSA ${this.options.tsaUrl} answered HTTP ${response.status}`,
      );
    }
    return body;
  }

  /** The TSTInfo, after checking it stamps `digest` with SHA-256 and carries `nonce`. */
  private checkedInfo(token: Uint8Array, digest: Uint8Array, nonce: bigint): TimeStampTokenInfo {
    const info = decodeTimeStampToken(token);
    if (info.hashAlgorithm !== OID_SHA256) {
      throw mismatch(`the token stamps a ${info.hashAlgorithm} imprint, not SHA-256`);
    }
    if (Buffer.compare(Buffer.from(info.messageImprint), Buffer.from(digest)) !== 0) {
      throw mismatch('the token time-stamps another message imprint than the SHA-256 of this note');
    }
    // Without the nonce an old token for the same note could be replayed as fresh; RFC 3161 requires the echo.
    if (info.nonce !== nonce) throw mismatch('the token does not carry the nonce of the request');
    return info;
  }

  private async verifySignature(token: Uint8Array, digest: Uint8Array): Promise<void> {
    const { caFile, untrustedFile } = this.options;
    if (caFile === undefined) return;
    const directory = await mkdtemp(join(tmpdir(), 'verity-tsa-verify-'));
    try {
      const tokenPath = join(directory, 'token.der');
      await writeFile(tokenPath, token);
      const args = ['ts', '-verify', '-digest', Buffer.from(digest).toString('hex'), '-token_in', '-in', tokenPath];
      args.push('-CAfile', caFile, ...(untrustedFile === undefined ? [] : ['-untrusted', untrustedFile]));
      const outcome = await new Promise<{ ok: boolean; output: string }>((resolve) => {
        execFile(this.options.opensslPath ?? 'openssl', args, { timeout: 30_000 }, (error, stdout, stderr) => {
          resolve({ ok: error === null && /Verification: OK/.test(stdout), output: `${stdout}${stderr}`.trim() });
        });
      });
      if (!outcome.ok) {
        throw new AnchorError(
          'audit/anchor_signature_invalid',
          `openssl ts -verify rejected the token: ${outcome.output.split('\n').slice(-3).join(' | ')}`,
        );
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
}
