import { inject } from 'vitest';
import { AppConfig, loadConfig } from '@platform/config';

/**
 * testConfig overrides for tests of the audit ledger's storage internals (sequencer, tree, fsck against a tampering
 * superuser, write-once triggers, maintenance): they connect as the test's own database user, the tables' owner and a
 * superuser, instead of the application role. Everything else, the composed api and worker included, runs as
 * `verity_app` under row-level security; tenant-isolation.int-spec.ts and the e2e tests check that.
 */
export const AS_TABLE_OWNER: Readonly<Record<string, string>> = { DATABASE_APP_ROLE: 'none' };

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
