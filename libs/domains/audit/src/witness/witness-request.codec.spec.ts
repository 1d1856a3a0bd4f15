import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import {
  formatAddCheckpointRequest,
  formatTlogSize,
  parseAddCheckpointRequest,
  parseTlogSize,
} from './witness-request.codec.js';

const CHECKPOINT =
  'example.com/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 example.com/log AAAAAQ==\n';
const HASH = 'KgEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('add-checkpoint request codec', () => {
  it('writes and reads the c2sp.org/tlog-witness body', () => {
    const proof = [hashLeaf(Uint8Array.of(1)), hashLeaf(Uint8Array.of(2))];
    const body = formatAddCheckpointRequest({ oldSize: 2, proof, checkpoint: CHECKPOINT });
    expect(body.startsWith('old 2\n')).toBe(true);
    expect(body.endsWith(`\n\n${CHECKPOINT}`)).toBe(true);
    expect(parseAddCheckpointRequest(new TextEncoder().encode(body))).toEqual({
      oldSize: 2,
      proof,
      checkpoint: CHECKPOINT,
    });
    expect(parseAddCheckpointRequest(`old 0\n\n${CHECKPOINT}`)).toEqual({
      oldSize: 0,
      proof: [],
      checkpoint: CHECKPOINT,
    });
  });

  it('refuses bodies that break the syntax', () => {
    const bad = [
      `old 0\n${CHECKPOINT}`.replace('\n\n', '\n'),
      `old 01\n\n${CHECKPOINT}`,
      `old -1\n\n${CHECKPOINT}`,
      `new 0\n\n${CHECKPOINT}`,
      `old 1\nnot base64\n\n${CHECKPOINT}`,
      `old 1\nAAAA\n\n${CHECKPOINT}`,
      `old 1\n${`${HASH}\n`.repeat(64)}\n${CHECKPOINT}`,
      'old 0\n\n',
      Uint8Array.of(0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff),
    ];
    for (const body of bad)
      expect(codeOf(() => parseAddCheckpointRequest(body))).toBe('audit/witness_request_malformed');
    expect(parseAddCheckpointRequest(`old 1\n${`${HASH}\n`.repeat(63)}\n${CHECKPOINT}`).proof).toHaveLength(63);
  });

  it('reads the size of a 409 answer', () => {
    expect(parseTlogSize(formatTlogSize(20852014))).toBe(20852014);
    expect(parseTlogSize('12')).toBeUndefined();
    expect(parseTlogSize('012\n')).toBeUndefined();
  });
});
