import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WitnessError } from '../audit.errors.js';
import { formatTlogSize, parseAddCheckpointRequest, TLOG_SIZE_MEDIA_TYPE } from './witness-request.codec.js';
import type { WitnessService } from './witness.service.js';
import type { WitnessLogger } from './witness.types.js';

/** A request is an old size, at most 63 hashes and a checkpoint with its signatures: far below this. */
export const DEFAULT_WITNESS_MAX_BODY_BYTES = 1024 * 1024;

export interface WitnessServerOptions {
  readonly maxBodyBytes?: number;
  readonly logger?: WitnessLogger;
  /** How long close() lets requests in flight finish before it drops their connections. */
  readonly closeGraceMs?: number;
}

const PLAIN_TEXT = 'text/plain; charset=utf-8';

/** The HTTP status c2sp.org/tlog-witness prescribes for each refusal. */
function statusOf(error: WitnessError): number {
  switch (error.code) {
    case 'audit/witness_request_malformed':
      return 400;
    case 'audit/witness_log_signature_invalid':
      return 403;
    case 'audit/witness_unknown_log':
      return 404;
    case 'audit/witness_size_conflict':
    case 'audit/witness_fork':
      return 409;
    case 'audit/witness_proof_invalid':
      return 422;
    case 'audit/witness_state_corrupt':
    case 'audit/witness_state_locked':
    case 'audit/witness_unavailable':
    case 'audit/witness_response_invalid':
      return 500;
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Reads the body up to `limit` bytes; undefined when it is larger (the rest is drained and dropped). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

/**
 * The c2sp.org/tlog-witness HTTP interface over node:http: `POST /add-checkpoint` and a `GET /` health page. The
 * rules live in WitnessService; this only maps bodies and errors to the wire.
 */
export class WitnessServer {
  private readonly server: Server;
  private readonly maxBodyBytes: number;
  private readonly closeGraceMs: number;
  private readonly logger: WitnessLogger | undefined;

  constructor(
    private readonly witness: WitnessService,
    options: WitnessServerOptions = {},
  ) {
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WITNESS_MAX_BODY_BYTES;
    this.closeGraceMs = options.closeGraceMs ?? 10_000;
    this.logger = options.logger;
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.logger?.error('witness request failed', { error: String(error) });
        if (!response.headersSent) send(response, 500, PLAIN_TEXT, 'internal error\n');
        else response.destroy();
      });
    });
    // A slow client must not hold a connection (and the log lock behind it) open forever.
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
  }

  /** Starts listening; port 0 picks a free port. Resolves to the base URL clients use as the submission prefix. */
  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(`http://${hostPart}:${address.port}`);
      });
    });
  }

  /** Stops accepting connections and waits for requests in flight (up to the grace period). */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      const force = setTimeout(() => this.server.closeAllConnections(), this.closeGraceMs);
      force.unref();
      this.server.close((error) => {
        clearTimeout(force);
        if (error) reject(error);
        else resolve();
      });
      this.server.closeIdleConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://witness.invalid').pathname;
    if (path === '/') {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('allow', 'GET, HEAD');
        send(response, 405, PLAIN_TEXT, 'method not allowed\n');
        return;
      }
      send(response, 200, PLAIN_TEXT, this.healthText());
      return;
    }
    if (path !== '/add-checkpoint') {
      send(response, 404, PLAIN_TEXT, 'not found\n');
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      send(response, 405, PLAIN_TEXT, 'method not allowed\n');
      return;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    const body = declared > this.maxBodyBytes ? undefined : await readBody(request, this.maxBodyBytes);
    if (body === undefined) {
      response.setHeader('connection', 'close');
      send(response, 413, PLAIN_TEXT, `the request body exceeds ${this.maxBodyBytes} bytes\n`);
      return;
    }
    try {
      const { oldSize, proof, checkpoint } = parseAddCheckpointRequest(body);
      const { signatureLines } = await this.witness.addCheckpoint(oldSize, proof, checkpoint);
      send(response, 200, PLAIN_TEXT, signatureLines);
    } catch (error) {
      if (!(error instanceof WitnessError)) throw error;
      const status = statusOf(error);
      if (status === 409 && error.storedSize !== undefined) {
        send(response, 409, TLOG_SIZE_MEDIA_TYPE, formatTlogSize(error.storedSize));
      } else if (status === 500) {
        this.logger?.error('witness cannot answer', { code: error.code, error: error.message });
        send(response, 500, PLAIN_TEXT, 'the witness cannot answer now\n');
      } else {
        send(response, status, PLAIN_TEXT, `${error.message}\n`);
      }
    }
  }

  private healthText(): string {
    return [
      'verity witness (c2sp.org/tlog-witness): POST /add-checkpoint',
      ...this.witness.cosignerVerifierKeys.map((key) => `cosigner ${key}`),
      ...this.witness.origins.map((origin) => `log ${origin}`),
      '',
    ].join('\n');
  }
}
