import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { decodeTlogProof, encodeTlogProof } from './tlog-proof.codec.js';

// The example of c2sp.org/tlog-proof (its signatures are abbreviated there, which the codec does not look into).
const SPEC_EXAMPLE = [
  'c2sp.org/tlog-proof@v1',
  'extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
  'index 73894',
  'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
  'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
  'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
  'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
  'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
  '',
  'example.com/fancylog',
  '109482',
  'sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=',
  '',
  '\u2014 example.com/fancylog hI2DJw[...]1roloI=',
  '\u2014 witness1.example mJirIklj[...]qY9v2B/5bg==',
  '',
].join('\n');

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

const hash = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);
const CHECKPOINT = 'log.example\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 log.example AAAAAQ==\n';

describe('tlog-proof text', () => {
  it('decodes the specification example and encodes it back identically', () => {
    const proof = decodeTlogProof(SPEC_EXAMPLE);
    expect(proof.index).toBe(73894);
    expect(proof.hashes).toHaveLength(5);
    expect(Buffer.from(proof.hashes[0]).toString('base64')).toBe('gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=');
    expect(Buffer.from(proof.extra ?? []).toString('base64')).toBe(
      'YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
    );
    expect(proof.checkpoint.startsWith('example.com/fancylog\n109482\n')).toBe(true);
    expect(proof.checkpoint.endsWith('qY9v2B/5bg==\n')).toBe(true);
    expect(encodeTlogProof(proof)).toBe(SPEC_EXAMPLE);
  });

  it('round-trips proofs with and without extra data and with no hashes', () => {
    for (const proof of [
      { index: 0, hashes: [], checkpoint: CHECKPOINT },
      { index: 2, hashes: [hash(1), hash(2)], checkpoint: CHECKPOINT },
      { index: 5, hashes: [hash(3)], checkpoint: CHECKPOINT, extra: Uint8Array.of(1, 2, 3) },
      { index: 5, hashes: [hash(3)], checkpoint: CHECKPOINT, extra: new Uint8Array() },
    ]) {
      const text = encodeTlogProof(proof);
      expect(decodeTlogProof(text)).toEqual(proof);
      expect(encodeTlogProof(decodeTlogProof(text))).toBe(text);
    }
    expect(encodeTlogProof({ index: 7, hashes: [], checkpoint: CHECKPOINT })).toBe(
      `c2sp.org/tlog-proof@v1\nindex 7\n\n${CHECKPOINT}`,
    );
  });

  it.each([
    ['missing header', `wrong-header\nindex 0\n\n${CHECKPOINT}`],
    ['extra data not base64', `c2sp.org/tlog-proof@v1\nextra !!notbase64!!\nindex 0\n\n${CHECKPOINT}`],
    ['missing index', `c2sp.org/tlog-proof@v1\n\n\n${CHECKPOINT}`],
    ['index not a number', `c2sp.org/tlog-proof@v1\nindex notanumber\n\n${CHECKPOINT}`],
    ['negative index', `c2sp.org/tlog-proof@v1\nindex -5\n\n${CHECKPOINT}`],
    ['index with a leading zero', `c2sp.org/tlog-proof@v1\nindex 05\n\n${CHECKPOINT}`],
    ['extra after the index', `c2sp.org/tlog-proof@v1\nindex 0\nextra AAAA\n\n${CHECKPOINT}`],
    ['hash not base64', `c2sp.org/tlog-proof@v1\nindex 0\n!!notbase64!!\n\n${CHECKPOINT}`],
    ['hash too long', `c2sp.org/tlog-proof@v1\nindex 0\n${Buffer.alloc(64).toString('base64')}\n\n${CHECKPOINT}`],
    ['no blank line before the checkpoint', 'c2sp.org/tlog-proof@v1\nindex 0\n'],
    ['no checkpoint', 'c2sp.org/tlog-proof@v1\nindex 0\n\n'],
    [
      'too many hashes',
      `c2sp.org/tlog-proof@v1\nindex 0\n${`${Buffer.alloc(32).toString('base64')}\n`.repeat(64)}\n${CHECKPOINT}`,
    ],
  ])('refuses a proof with %s', (_, text) => {
    expect(codeOf(() => decodeTlogProof(text))).toBe('audit/tlog_proof_malformed');
  });

  it('refuses to encode what it could not decode', () => {
    expect(codeOf(() => encodeTlogProof({ index: -1, hashes: [], checkpoint: CHECKPOINT }))).toBe(
      'audit/tlog_proof_malformed',
    );
    expect(codeOf(() => encodeTlogProof({ index: 0, hashes: [new Uint8Array(31)], checkpoint: CHECKPOINT }))).toBe(
      'audit/tlog_proof_malformed',
    );
    expect(codeOf(() => encodeTlogProof({ index: 0, hashes: [], checkpoint: 'no newline' }))).toBe(
      'audit/tlog_proof_malformed',
    );
  });
});
