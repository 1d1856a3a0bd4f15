import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source.options.js';

/** Arbitrary but fixed: serialises `npm run migrate` when several deploy jobs start at once. */
const MIGRATION_LOCK_KEY = 0x76657269; // "veri"

export interface MigrationResult {
  readonly applied: readonly string[];
}

/** Applies pending migrations under an advisory lock, so concurrent runs apply each migration once. */
export async function runPendingMigrations(
  url: string,
  log: (m: string) => void = () => undefined,
): Promise<MigrationResult> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 2, applicationName: 'verity-migrate' }));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`applied migration ${m.name}`);
    return { applied: applied.map((m) => m.name) };
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

/** Names of migrations that exist in code but are not applied to the database. */
export async function pendingMigrationNames(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource
    .query<{ name: string }[]>('SELECT name FROM typeorm_migrations')
    .catch((): { name: string }[] => []);
  const done = new Set(rows.map((r) => r.name));
  return dataSource.migrations
    .map((m): string => String(m.name ?? m.constructor.name))
    .filter((name) => !done.has(name));
}
