import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { createScratchDatabase, runPendingMigrations, type ScratchDatabase } from '@platform/database';
import { migrateQueueBackend } from '@platform/queue';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string | undefined;
    queuePrefix: string;
  }
}

interface SharedRun {
  database: Promise<ScratchDatabase>;
  queuePrefix: string;
  users: number;
}

/** Every project of a run calls this setup; they share one database, made once and dropped by the last teardown. */
const shared = globalThis as typeof globalThis & { verityTestRun?: SharedRun };

async function prepare(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase();
  try {
    await runPendingMigrations(database.url);
    if (!process.env.REDIS_URL?.trim()) await migrateQueueBackend(database.url);
    return database;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A fresh, migrated database (and queue prefix) that every test file of the run shares. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.verityTestRun ??= {
    database: prepare(),
    queuePrefix: `verity-test-${randomBytes(4).toString('hex')}`,
    users: 0,
  };
  const run = shared.verityTestRun;
  run.users += 1;
  const database = await run.database;
  project.provide('databaseUrl', database.url);
  project.provide('redisUrl', process.env.REDIS_URL?.trim() || undefined);
  project.provide('queuePrefix', run.queuePrefix);
  return async () => {
    run.users -= 1;
    if (run.users === 0) {
      shared.verityTestRun = undefined;
      await database.drop();
    }
  };
}
