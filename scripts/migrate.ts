import { AppConfig, ConfigError, loadConfig, loadDotEnv } from '@platform/config';
import { runPendingMigrations } from '@platform/database';
import { migrateQueueBackend } from '@platform/queue';

/** `npm run migrate`: the explicit deployment step. Safe to run from several places at once (advisory lock). */
async function main(): Promise<void> {
  loadDotEnv();
  const config = new AppConfig(loadConfig());
  const result = await runPendingMigrations(config.databaseUrl, (line) => console.log(line));
  console.log(`${result.applied.length} migration(s) applied`);
  if (config.queueBackend === 'postgres') {
    const version = await migrateQueueBackend(config.databaseUrl);
    console.log(`BullMQ PostgreSQL backend schema at version ${version}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
