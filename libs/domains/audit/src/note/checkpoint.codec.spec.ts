import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.codec.js';

// The example body of c2sp.org/tlog-checkpoint.
const SPEC_EXAMPLE = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const ROOT_BASE64 = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('checkpoint text', () => {
  it('parses the specification example and formats it back identically', () => {
    const checkpoint = parseCheckpoint(SPEC_EXAMPLE);
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe(ROOT_BASE64);
    expect(checkpoint.extensions).toEqual([]);
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_EXAMPLE);
  });

  it('keeps extension lines in order', () => {
    const text = `${SPEC_EXAMPLE}ext one\next two\n`;
    expect(parseCheckpoint(text).extensions).toEqual(['ext one', 'ext two']);
    expect(formatCheckpoint(parseCheckpoint(text))).toBe(text);
  });

  it('formats the empty tree with size 0', () => {
    const text = formatCheckpoint({ origin: 'verity.example/t1', size: 0, rootHash: new Uint8Array(32) });
    expect(text).toBe(`verity.example/t1\n0\n${'A'.repeat(43)}=\n`);
    expect(parseCheckpoint(text).size).toBe(0);
  });

  it.each([
    ['no final newline', SPEC_EXAMPLE.slice(0, -1)],
    ['missing root line', 'example.com/log\n5\n'],
    ['empty origin', `\n5\n${ROOT_BASE64}\n`],
    ['leading zero in the size', `example.com/log\n05\n${ROOT_BASE64}\n`],
    ['signed size', `example.com/log\n+5\n${ROOT_BASE64}\n`],
    ['size beyond 2^53 - 1', `example.com/log\n9007199254740992\n${ROOT_BASE64}\n`],
    ['root that is not base64', 'example.com/log\n5\nnot base64!\n'],
    ['root of the wrong length', 'example.com/log\n5\nAAAA\n'],
    ['root without padding', `example.com/log\n5\n${ROOT_BASE64.slice(0, -1)}\n`],
    ['empty extension line', `${SPEC_EXAMPLE}\n`],
    ['control character', `example.com/\u0007log\n5\n${ROOT_BASE64}\n`],
  ])('refuses a body with %s', (_, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('audit/checkpoint_malformed');
  });

  it('refuses to format what it could not parse back', () => {
    const rootHash = new Uint8Array(32);
    expect(codeOf(() => formatCheckpoint({ origin: '', size: 1, rootHash }))).toBe('audit/checkpoint_malformed');
    expect(codeOf(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash }))).toBe('audit/checkpoint_malformed');
    expect(codeOf(() => formatCheckpoint({ origin: 'o', size: -1, rootHash }))).toBe('audit/checkpoint_malformed');
    expect(codeOf(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(20) }))).toBe(
      'audit/checkpoint_malformed',
    );
    expect(codeOf(() => formatCheckpoint({ origin: 'o', size: 1, rootHash, extensions: [''] }))).toBe(
      'audit/checkpoint_malformed',
    );
  });
});
