import 'reflect-metadata';
import { DataSource, getMetadataArgsStorage } from 'typeorm';
import { buildDataSourceOptions, createScratchDatabase, runPendingMigrations } from '@platform/database';
import '@apps/api';
import '@apps/worker';

/**
 * Migration drift check: applies every migration to an empty database, then asks TypeORM what it would change to
 * match the entities. Anything but nothing is drift. Foreign keys named `fk_*` are written by hand in migrations
 * (aggregates refer to each other by id, not by TypeORM relation) and are not drift.
 *
 * `--print` prints the SQL instead of failing, to start a new migration from it.
 */
async function main(): Promise<void> {
  const print = process.argv.includes('--print');
  const database = await createScratchDatabase();
  try {
    await runPendingMigrations(database.url);
    const entities = getMetadataArgsStorage().tables.map((t) => t.target);
    const dataSource = new DataSource(buildDataSourceOptions({ url: database.url, entities, poolSize: 2 }));
    await dataSource.initialize();
    try {
      const sql = await dataSource.driver.createSchemaBuilder().log();
      const drift = sql.upQueries.map((q) => q.query).filter((q) => !/DROP CONSTRAINT "fk_/.test(q));
      if (print) {
        console.log(drift.map((q) => `${q};`).join('\n'));
        return;
      }
      if (drift.length > 0) {
        console.error(`Migration drift: the entities need ${drift.length} change(s) no migration makes:`);
        for (const q of drift) console.error(`  ${q};`);
        process.exitCode = 1;
        return;
      }
      console.log(`No migration drift (${entities.length} entities, ${dataSource.migrations.length} migrations).`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
