import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REDACTED_PATHS, requestIdFor } from './logging.module.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

describe('log redaction', () => {
  it('never writes credentials, cookies or passwords', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      req: {
        headers: { authorization: 'Bearer vk_live_secret', cookie: 'verity_session=abc123', 'x-csrf-token': 'csrf-1' },
      },
      res: { headers: { 'set-cookie': 'verity_session=def456' } },
      body: { email: 'a@b.co', password: 'hunter2-hunter2' },
    });
    const text = lines.join('');
    for (const secret of ['vk_live_secret', 'abc123', 'csrf-1', 'def456', 'hunter2-hunter2']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('a@b.co');
    expect(text).toContain('[redacted]');
  });
});

describe('request ids', () => {
  const response = (): ServerResponse & { header?: string } => {
    const res: { header?: string; setHeader: (name: string, value: string) => void } = {
      setHeader: (_name, value) => {
        res.header = value;
      },
    };
    return res as unknown as ServerResponse & { header?: string };
  };

  it('keeps a well-formed incoming id and echoes it', () => {
    const res = response();
    expect(requestIdFor({ headers: { 'x-request-id': 'abc-123' } } as unknown as IncomingMessage, res)).toBe('abc-123');
    expect(res.header).toBe('abc-123');
  });

  it('replaces an id that could inject into logs or headers', () => {
    const id = requestIdFor(
      { headers: { 'x-request-id': 'x\n{"level":60}' } } as unknown as IncomingMessage,
      response(),
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
