import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadConfig, loadDotEnv } from '@platform/config';
import {
  DatabaseConnector,
  runPendingMigrations,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '@platform/database';
import { migrateQueueBackend } from '@platform/queue';
import { totpUri } from '@domains/identity';
import { createApiApp, listenApi, seedDemo, DEMO_TENANT } from '@apps/api';
import { createWorkerApp } from '@apps/worker';

/**
 * `npm start`: the whole product in one process for a laptop. Starts an embedded PostgreSQL when DATABASE_URL is
 * unset, applies migrations, seeds the demo tenant on an empty database, then runs the api (serving the admin UI)
 * and the worker. Ctrl-C or SIGTERM stops the worker, the api and PostgreSQL, in that order.
 */
async function main(): Promise<void> {
  const say = (line: string): void => console.log(`[verity] ${line}`);
  loadDotEnv();
  process.env.LOG_LEVEL ||= 'warn';
  let config = new AppConfig(loadConfig());
  let embedded: EmbeddedPostgresHandle | undefined;
  let api: NestExpressApplication | undefined;
  let worker: INestApplicationContext | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (reason: string, code: number): Promise<void> => {
    stopping ??= (async () => {
      say(`stopping (${reason})…`);
      const force = setTimeout(() => {
        say('shutdown took too long; forcing exit');
        process.exit(code || 1);
      }, config.values.SHUTDOWN_GRACE_MS + 5_000);
      force.unref();
      await worker?.close().catch((e: unknown) => say(`worker: ${String(e)}`));
      await api?.close().catch((e: unknown) => say(`api: ${String(e)}`));
      await embedded?.stop().catch((e: unknown) => say(`postgres: ${String(e)}`));
      say('stopped');
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stop(signal, 0));
  }

  try {
    if (!config.values.DATABASE_URL) {
      say(`starting embedded PostgreSQL (data in ${config.values.EMBEDDED_PG_DIR})…`);
      embedded = await startEmbeddedPostgres({
        dataDir: config.values.EMBEDDED_PG_DIR,
        database: 'verity',
        log: (line) => {
          if (/FATAL|PANIC|ERROR|initialising|using|stopping a PostgreSQL/.test(line)) say(`postgres: ${line}`);
        },
      });
      process.env.DATABASE_URL = embedded.url;
      config = new AppConfig(loadConfig());
    }
    const applied = await runPendingMigrations(config.databaseUrl);
    say(`database ready (${applied.applied.length} migration(s) applied now)`);
    if (config.queueBackend === 'postgres') await migrateQueueBackend(config.databaseUrl);

    api = await createApiApp({ config });
    await api.init();
    await api.get(DatabaseConnector).whenConnected();
    // Seed before listening, so a ready api is a seeded one.
    const seeded = await seedDemo(api);
    worker = await createWorkerApp(config);
    await listenApi(api, config);

    const url = config.publicUrl;
    say('');
    say(`Verity is running at ${url}`);
    say(`  API docs:  ${url}/api/docs        health: ${url}/health/ready`);
    say(`  queues:    ${config.queueBackend === 'redis' ? 'Redis' : 'PostgreSQL (BullMQ backend, no Redis needed)'}`);
    if (seeded === 'seeded' || seeded === 'skipped_existing_tenants') {
      say(
        `  demo sign-in: tenant "${DEMO_TENANT.slug}", email admin@demo.verity.local, password ${
          process.env.DEMO_PASSWORD ? '(your DEMO_PASSWORD)' : config.values.DEMO_PASSWORD
        }`,
      );
      say(
        '  (also admin2@, officer@, officer2@, analyst@, analyst2@, auditor@demo.verity.local with the same password)',
      );
      // The admins and the officer have TOTP enrolled (MFA is required for their roles): print what an authenticator
      // app needs. Like the demo password, the secret is public and only for the demo.
      const totpSecret = process.env.DEMO_TOTP_SECRET ? '(your DEMO_TOTP_SECRET)' : config.values.DEMO_TOTP_SECRET;
      say(`  demo TOTP (admin@, admin2@, officer@, officer2@): secret ${totpSecret}`);
      say(`    authenticator app: ${totpUri(config.values.DEMO_TOTP_SECRET, 'Verity', 'demo admin and officer')}`);
      say('    or on the command line: npm run verity -- totp');
      say(`  demo API key (integration): ${config.values.DEMO_API_KEY}`);
      say(`    try: curl -H "Authorization: Bearer ${config.values.DEMO_API_KEY}" ${url}/v1/audit/checkpoint`);
    }
    say('Press Ctrl-C to stop.');
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    await stop('start-up failed', 1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
