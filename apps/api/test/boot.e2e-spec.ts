import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '@platform/config';
import { findFreePort } from '@platform/database';

/** The built api entry point, as `npm run start:api` runs it (`npm test` builds first). */
const API_MAIN = resolve(projectRoot(), 'dist/apps/api/src/main.js');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startApi(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [API_MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => output, exited };
}

async function readiness(
  port: number,
): Promise<{ status: number; body: { checks?: Record<string, { status: string }> } }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return { status: res.status, body: (await res.json()) as { checks?: Record<string, { status: string }> } };
  } catch {
    return { status: 0, body: {} };
  }
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('booting the api process', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('refuses bad configuration with one error naming every variable, and exits non-zero', async () => {
    const run = startApi({ NODE_ENV: 'production', PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'http://cache:6379' });
    expect(await run.exited).toBe(1);
    const out = run.output();
    for (const name of ['PORT', 'LOG_LEVEL', 'REDIS_URL', 'DATABASE_URL', 'MFA_ENCRYPTION_KEY']) {
      expect(out).toContain(name);
    }
    expect(out).toContain('Invalid configuration (6 problems)');
    expect(out).not.toMatch(/^\s+at /m);
  });

  it('says clearly that the port is in use, without a stack trace', async () => {
    const port = await findFreePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const run = startApi({
      DATABASE_URL: inject('databaseUrl'),
      PORT: String(port),
      HOST: '127.0.0.1',
      QUEUE_PREFIX: inject('queuePrefix'),
      ...(inject('redisUrl') ? { REDIS_URL: inject('redisUrl') ?? '' } : {}),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(run.output()).not.toMatch(/^\s+at /m);
  });

  it('stays up while the database is unreachable, reports it in readiness, and recovers when it comes back', async () => {
    const dbUrl = new URL(inject('databaseUrl'));
    const proxyPort = await findFreePort();
    const apiPort = await findFreePort();
    const viaProxy = new URL(dbUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxyPort);
    const run = startApi({
      NODE_ENV: 'production',
      AUDIT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      MFA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      DATABASE_URL: viaProxy.toString(),
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      QUEUE_PREFIX: inject('queuePrefix'),
      ...(inject('redisUrl') ? { REDIS_URL: inject('redisUrl') ?? '' } : {}),
    });
    cleanups.push(async () => {
      run.child.kill('SIGTERM');
      await run.exited;
    });

    const down = await until(
      () => readiness(apiPort),
      (r) => r.status !== 0,
    );
    expect(down.status).toBe(503);
    expect(down.body.checks?.database?.status).toBe('down');

    // The database "comes back": a TCP proxy on the configured port now forwards to the real server.
    const proxy = createServer((socket) => {
      const upstream = connect(Number(dbUrl.port || 5432), dbUrl.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((r) => proxy.listen(proxyPort, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => proxy.close(() => r())));

    const up = await until(
      () => readiness(apiPort),
      (r) => r.status === 200,
    );
    expect(up.body.checks?.database?.status).toBe('up');
    expect(run.child.exitCode).toBeNull();
  });
});
