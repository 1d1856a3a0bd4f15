import { inject } from 'vitest';
import { AppConfig, loadConfig } from '@platform/config';

/** The configuration tests run with: the run's database and queue backend, quiet logs, no demo seed on its own. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return new AppConfig(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: inject('queuePrefix'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '3000',
      OUTBOX_POLL_MS: '50',
      ...overrides,
    }),
  );
}
