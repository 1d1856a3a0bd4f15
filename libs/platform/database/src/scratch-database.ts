import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.launcher.js';
import { projectRoot } from '@platform/config';
import { resolve } from 'node:path';

export interface ScratchDatabase {
  /** URL of a database created for this use only. */
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test run or one drift check: on the server of DATABASE_URL when it is set (the machine's PostgreSQL in CI),
 * otherwise on an embedded PostgreSQL kept in .data/test-postgres. The given database itself is never modified.
 */
export async function createScratchDatabase(log: (m: string) => void = () => undefined): Promise<ScratchDatabase> {
  let embedded: EmbeddedPostgresHandle | undefined;
  let serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: resolve(projectRoot(), '.data/test-postgres'),
      database: 'postgres',
      log,
    });
    serverUrl = embedded.url;
  }
  const name = `verity_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      await embedded?.stop();
    },
  };
}
