import { loadConfig } from '@platform/config';
import { runningEmbeddedPostgresUrl, runPendingMigrations, startEmbeddedPostgres } from '@platform/database';

export interface LocalDatabase {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The database a command-line tool should use: DATABASE_URL when set; else the embedded PostgreSQL of a running
 * `npm start`; else the embedded one started just for this command (migrated, and stopped afterwards).
 */
export async function openLocalDatabase(): Promise<LocalDatabase> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, close: () => Promise.resolve() };
  const running = runningEmbeddedPostgresUrl(config.EMBEDDED_PG_DIR);
  if (running) return { url: running, close: () => Promise.resolve() };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.EMBEDDED_PG_DIR,
    database: 'verity',
    log: () => undefined,
  });
  try {
    await runPendingMigrations(embedded.url);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.url, close: () => embedded.stop() };
}
