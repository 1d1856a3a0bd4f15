import { AppConfig, ConfigError, loadConfig, loadDotEnv } from '@platform/config';
import { createApiApp, listenApi } from './api.app.js';

/** `npm run start:api`: one api process against DATABASE_URL (and REDIS_URL); scale it out behind a balancer. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = new AppConfig(loadConfig());
  const app = await createApiApp({ config });
  app.enableShutdownHooks();
  await listenApi(app, config);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
