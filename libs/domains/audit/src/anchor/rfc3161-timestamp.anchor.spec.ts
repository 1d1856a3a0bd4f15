import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { decodeBase64 } from '../canonical/base64.codec.js';
import { TestLog } from '../witness/test-log.fixture.js';
import type { AnchoredCheckpoint } from './audit-anchor.types.js';
import { derInteger, derSequence } from './der.codec.js';
import { encodeTimeStampRequest } from './rfc3161.codec.js';
import { Rfc3161TimestampAnchor } from './rfc3161-timestamp.anchor.js';
import type { Rfc3161Receipt } from './rfc3161-timestamp.anchor.js';

const ORIGIN = 'verity.example/audit/tenant-1';

function openssl(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('openssl', [...args], { cwd }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

async function mustOpenssl(args: readonly string[], cwd: string): Promise<string> {
  const { code, stdout, stderr } = await openssl(args, cwd);
  if (code !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${stderr}`);
  return stdout;
}

/** A self-signed CA and a TSA certificate it issues, with the critical timeStamping usage RFC 3161 requires. */
async function makeCertificateAuthority(dir: string, prefix: string): Promise<void> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await mustOpenssl(
    [
      ...['req', '-x509', ...ec, '-keyout', `${prefix}ca.key`, '-out', `${prefix}ca.crt`, '-days', '2'],
      ...['-subj', `/CN=Verity test ${prefix}CA`, '-addext', 'basicConstraints=critical,CA:TRUE'],
      ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ],
    dir,
  );
}

type TsaMode = 'reply' | 'replay' | 'unavailable' | 'rejection';

/** The test's own TSA: every query goes through `openssl ts -reply`, one process per request. */
class OpensslTsa {
  mode: TsaMode = 'reply';
  private lastResponse: Buffer | undefined;
  private requests = 0;
  private readonly server: Server;

  constructor(private readonly dir: string) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.answer(Buffer.concat(chunks), request.headers['content-type']).then(
          ({ status, body }) => {
            response.writeHead(status, { 'content-type': 'application/timestamp-reply' });
            response.end(body);
          },
          (error: unknown) => {
            response.writeHead(500);
            response.end(String(error));
          },
        );
      });
    });
  }

  listen(): Promise<string> {
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => {
        resolve(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}/tsr`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(query: Buffer, contentType: string | undefined): Promise<{ status: number; body: Buffer }> {
    if (contentType !== 'application/timestamp-query') return { status: 415, body: Buffer.from('') };
    if (this.mode === 'unavailable') return { status: 503, body: Buffer.from('down') };
    if (this.mode === 'rejection') return { status: 200, body: Buffer.from(derSequence(derSequence(derInteger(2n)))) };
    if (this.mode === 'replay' && this.lastResponse !== undefined) return { status: 200, body: this.lastResponse };
    this.requests += 1;
    const queryPath = join(this.dir, `query-${this.requests}.tsq`);
    const responsePath = join(this.dir, `reply-${this.requests}.tsr`);
    await writeFile(queryPath, query);
    await mustOpenssl(['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', queryPath, '-out', responsePath], this.dir);
    this.lastResponse = await readFile(responsePath);
    return { status: 200, body: this.lastResponse };
  }
}

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('Rfc3161TimestampAnchor against an openssl TSA', () => {
  let dir: string;
  let tsa: OpensslTsa;
  let tsaUrl: string;
  let anchor: Rfc3161TimestampAnchor;
  const log = new TestLog(ORIGIN).append(21);

  async function checkpointAt(size: number): Promise<AnchoredCheckpoint> {
    return { origin: ORIGIN, size, noteText: await log.checkpoint(size) };
  }

  /** The check a regulator runs on an evidence pack: the receipt's token and imprint, the TSA's CA, no network. */
  async function regulatorVerifies(receipt: Rfc3161Receipt, noteText: string, caFile = 'ca.crt'): Promise<boolean> {
    const tokenPath = join(dir, 'evidence-token.der');
    await writeFile(tokenPath, decodeBase64(receipt.tokenBase64) ?? new Uint8Array());
    const digest = createHash('sha256').update(noteText, 'utf8').digest('hex');
    const { code, stdout } = await openssl(
      ['ts', '-verify', '-digest', digest, '-token_in', '-in', tokenPath, '-CAfile', caFile],
      dir,
    );
    return code === 0 && stdout.includes('Verification: OK');
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verity-tsa-'));
    await makeCertificateAuthority(dir, '');
    await makeCertificateAuthority(dir, 'other-');
    await mustOpenssl(
      [
        ...['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
        ...['-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Verity test TSA'],
      ],
      dir,
    );
    await writeFile(
      join(dir, 'tsa-ext.cnf'),
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
    );
    await mustOpenssl(
      [
        ...['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '2'],
        ...['-days', '2', '-extfile', 'tsa-ext.cnf', '-out', 'tsa.crt'],
      ],
      dir,
    );
    await writeFile(join(dir, 'tsa-serial'), '01\n');
    await writeFile(
      join(dir, 'tsa.cnf'),
      [
        '[ tsa ]',
        'default_tsa = verity_test_tsa',
        '[ verity_test_tsa ]',
        `dir = ${dir}`,
        'serial = $dir/tsa-serial',
        'crypto_device = builtin',
        'signer_cert = $dir/tsa.crt',
        'certs = $dir/ca.crt',
        'signer_key = $dir/tsa.key',
        'signer_digest = sha256',
        'default_policy = 1.3.6.1.4.1.55555.1',
        'other_policies = 1.3.6.1.4.1.55555.2',
        'digests = sha256',
        'accuracy = secs:1',
        'ordering = no',
        'tsa_name = yes',
        'ess_cert_id_chain = no',
        'ess_cert_id_alg = sha256',
        '',
      ].join('\n'),
    );
    tsa = new OpensslTsa(dir);
    tsaUrl = await tsa.listen();
    anchor = new Rfc3161TimestampAnchor({ tsaUrl, caFile: join(dir, 'ca.crt') });
  });

  afterAll(async () => {
    await tsa.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds a request openssl reads as version 1, SHA-256 imprint, nonce, certificate requested', async () => {
    const digest = createHash('sha256').update('note').digest();
    await writeFile(join(dir, 'ours.tsq'), encodeTimeStampRequest(digest, 0xfeedface12345678n));
    const text = await mustOpenssl(['ts', '-query', '-in', 'ours.tsq', '-text'], dir);
    expect(text).toMatch(/Version: 1/);
    expect(text).toMatch(/Hash Algorithm: sha256/);
    expect(text).toMatch(/Nonce: 0xFEEDFACE12345678/);
    expect(text).toMatch(/Certificate required: yes/);
  });

  it('time-stamps a checkpoint, verifies the receipt, and the regulator command accepts the token', async () => {
    const checkpoint = await checkpointAt(21);
    const receipt = await anchor.anchor(checkpoint);
    const digest = createHash('sha256').update(checkpoint.noteText, 'utf8').digest('hex');
    expect(receipt).toMatchObject({
      kind: 'rfc3161',
      origin: ORIGIN,
      size: 21,
      tsaUrl,
      hashAlgorithm: 'sha256',
      imprintSha256: digest,
      policy: '1.3.6.1.4.1.55555.1',
    });
    expect(receipt.nonce).toMatch(/^0x[0-9A-F]+$/);
    expect(Number.isNaN(Date.parse(receipt.genTime))).toBe(false);

    // Receipts travel as JSON (database rows, evidence packs) and still verify after the round trip.
    const stored = JSON.parse(JSON.stringify(receipt)) as Rfc3161Receipt;
    await anchor.verify(stored, checkpoint.noteText);
    await new Rfc3161TimestampAnchor({ tsaUrl: 'http://unused.invalid' }).verify(stored, checkpoint.noteText);
    expect(await regulatorVerifies(stored, checkpoint.noteText)).toBe(true);
  });

  it('fails verification for a tampered note, even with a receipt edited to match it', async () => {
    const checkpoint = await checkpointAt(20);
    const receipt = await anchor.anchor(checkpoint);
    const tampered = checkpoint.noteText.replace(`${ORIGIN}\n20\n`, `${ORIGIN}\n19\n`);
    expect(await codeOf(() => anchor.verify(receipt, tampered))).toBe('audit/anchor_mismatch');
    const edited = { ...receipt, imprintSha256: createHash('sha256').update(tampered).digest('hex') };
    expect(await codeOf(() => anchor.verify(edited, tampered))).toBe('audit/anchor_mismatch');
    expect(await regulatorVerifies(receipt, tampered)).toBe(false);
  });

  it('refuses a replayed response: the token must echo the nonce of this request', async () => {
    const checkpoint = await checkpointAt(18);
    const first = await anchor.anchor(checkpoint);
    tsa.mode = 'replay';
    try {
      expect(await codeOf(() => anchor.anchor(checkpoint))).toBe('audit/anchor_mismatch');
      expect(await codeOf(() => anchor.anchor(checkpoint))).toBe('audit/anchor_mismatch');
    } finally {
      tsa.mode = 'reply';
    }
    expect(await codeOf(() => anchor.verify({ ...first, nonce: '0x1' }, checkpoint.noteText))).toBe(
      'audit/anchor_mismatch',
    );
  });

  it('refuses a token whose signer does not chain to the configured CA', async () => {
    const strict = new Rfc3161TimestampAnchor({ tsaUrl, caFile: join(dir, 'other-ca.crt') });
    const checkpoint = await checkpointAt(17);
    expect(await codeOf(() => strict.anchor(checkpoint))).toBe('audit/anchor_signature_invalid');
    const receipt = await anchor.anchor(checkpoint);
    expect(await codeOf(() => strict.verify(receipt, checkpoint.noteText))).toBe('audit/anchor_signature_invalid');
    expect(await regulatorVerifies(receipt, checkpoint.noteText, 'other-ca.crt')).toBe(false);
  });

  it('reports a TSA that is down or refuses, and a token that is not DER', async () => {
    const checkpoint = await checkpointAt(16);
    tsa.mode = 'unavailable';
    try {
      expect(await codeOf(() => anchor.anchor(checkpoint))).toBe('audit/anchor_tsa_failed');
      tsa.mode = 'rejection';
      expect(await codeOf(() => anchor.anchor(checkpoint))).toBe('audit/anchor_tsa_failed');
    } finally {
      tsa.mode = 'reply';
    }
    const receipt = await anchor.anchor(checkpoint);
    expect(await codeOf(() => anchor.verify({ ...receipt, tokenBase64: 'MAA=' }, checkpoint.noteText))).toBe(
      'audit/anchor_der_malformed',
    );
  });
});
