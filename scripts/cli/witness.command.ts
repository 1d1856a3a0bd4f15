import 'reflect-metadata';
import { open, readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  AuditError,
  Ed25519CosignatureSigner,
  generateCosignatureKeyPair,
  WitnessServer,
  WitnessService,
  WitnessStateStore,
  witnessedLogsFromVerifierKeys,
  type WitnessLogger,
} from '@domains/audit';
import { CliUsageError, type CliCommand } from './cli.command.js';

const DEFAULT_PORT = 7380;
const DEFAULT_HOST = '127.0.0.1';

const usage = `usage: verity witness --key <file> --state <dir> --log '<log verifier key>' [--log ...] --name <witness name>
                      [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}]
       verity witness keygen --name <witness name> --out <file>

Runs a transparency-log witness (c2sp.org/tlog-witness): POST /add-checkpoint cosigns a log's checkpoint only if it
is signed by one of the --log keys and provably extends the last checkpoint this witness cosigned for that log. The
state directory keeps that last checkpoint per log (fsync'd before every answer) and evidence of forks; keep it, or
retire the witness key with it. A log's origin is the name in its verifier key; give --log once per key (several keys
of one name are one log during a key rotation). --key holds a PRIVATE+KEY+… string whose name must equal --name.
Stops on SIGINT or SIGTERM after the requests in flight.

keygen writes a new witness key (cosignature/v1, Ed25519) to --out with mode 0600, refusing to overwrite a file,
and prints the verifier key to publish to logs and verifiers.`;

/** parseArgs throws plain errors for unknown or malformed options; the CLI shows those with the usage. */
function usageErrors<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function usageFromKeyError<T>(what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof AuditError) throw new CliUsageError(`${what}: ${error.message}`);
    throw error;
  }
}

/** JSON lines on stderr: one event per line, so a fork alarm is easy to alert on. */
const stderrLogger: WitnessLogger = {
  info: (message, fields) => console.error(JSON.stringify({ level: 'info', time: new Date(), message, ...fields })),
  warn: (message, fields) => console.error(JSON.stringify({ level: 'warn', time: new Date(), message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', time: new Date(), message, ...fields })),
};

export interface WitnessRunHooks {
  /** Aborting it stops the witness (the command wires SIGINT and SIGTERM to it). */
  readonly signal: AbortSignal;
  readonly onListening?: (url: string) => void;
  readonly logger?: WitnessLogger;
}

/** `verity witness`: serves until `hooks.signal` aborts, then closes the server and releases the state directory. */
export async function serveWitness(args: readonly string[], hooks: WitnessRunHooks): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: [...args],
      options: {
        key: { type: 'string' },
        state: { type: 'string' },
        log: { type: 'string', multiple: true },
        name: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }),
  );
  if (!values.key || !values.state || !values.name || !values.log?.length) {
    throw new CliUsageError('--key, --state, --name and at least one --log are required');
  }
  const port = Number(values.port ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliUsageError(`--port ${values.port} is not a port`);

  const keyFile = values.key;
  if (((await stat(keyFile)).mode & 0o077) !== 0) {
    console.error(`verity witness: warning: ${keyFile} is readable by other users; chmod 600 it`);
  }
  const keyText = (await readFile(keyFile, 'utf8')).trim();
  const cosigner = usageFromKeyError(`--key ${keyFile}`, () => Ed25519CosignatureSigner.fromSignerKey(keyText));
  if (cosigner.name !== values.name) {
    // The key id commits to the name, so a witness cannot be renamed without a new key.
    throw new CliUsageError(`the key in ${keyFile} is for "${cosigner.name}", not --name "${values.name}"`);
  }
  const logKeys = values.log;
  const logs = usageFromKeyError('--log', () => witnessedLogsFromVerifierKeys(logKeys));

  const logger = hooks.logger ?? stderrLogger;
  const store = await WitnessStateStore.open(values.state);
  try {
    const service = new WitnessService({ cosigners: [cosigner], logs, state: store, logger });
    const server = new WitnessServer(service, { logger });
    const stopped = new Promise<void>((resolve) => {
      if (hooks.signal.aborted) resolve();
      hooks.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const url = await server.listen(port, values.host ?? DEFAULT_HOST);
    logger.info('witness listening', {
      url,
      name: cosigner.name,
      verifierKey: cosigner.verifierKey,
      logs: logs.map(({ origin }) => origin),
    });
    hooks.onListening?.(url);
    await stopped;
    logger.info('witness stopping', { url });
    await server.close();
    return 0;
  } finally {
    await store.close();
  }
}

/** `verity witness keygen`: a new key file (0600, never overwritten) and the verifier key on stdout. */
export async function generateWitnessKey(args: readonly string[]): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: [...args],
      options: { name: { type: 'string' }, out: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }),
  );
  if (!values.name || !values.out) throw new CliUsageError('--name and --out are required');
  const name = values.name;
  const { signerKey, verifierKey } = usageFromKeyError('--name', () => generateCosignatureKeyPair(name));
  const handle = await open(values.out, 'wx', 0o600).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
      throw new CliUsageError(`${values.out} exists; a witness key is never overwritten`);
    }
    throw error;
  });
  try {
    await handle.writeFile(`${signerKey}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  console.log(verifierKey);
  return 0;
}

function processStopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}

export const witnessCommand: CliCommand = {
  path: ['witness'],
  summary: 'run a transparency-log witness that cosigns consistent checkpoints (c2sp.org/tlog-witness)',
  usage,
  run: (args) => serveWitness(args, { signal: processStopSignal() }),
};

export const witnessKeygenCommand: CliCommand = {
  path: ['witness', 'keygen'],
  summary: 'create a witness key file and print its verifier key',
  usage,
  run: generateWitnessKey,
};
