import {
  Queue,
  createPostgresBackend,
  createRedisBackend,
  runMigrations as runBullmqMigrations,
  setDefaultBackendFactory,
  type DefaultJobOptions,
} from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { AppConfig } from '@platform/config';

export const BULLMQ_PG_SCHEMA = 'bullmq';

/** Connection options for whichever backend the configuration selects. */
export type QueueConnection = Redis | { connectionString: string; schema: string; max: number };

/**
 * Selects the process-wide BullMQ backend: Redis when REDIS_URL is set, otherwise BullMQ's PostgreSQL backend in the
 * application database. Every Queue and Worker constructed afterwards (including @nestjs/bullmq's) uses it.
 */
export function configureQueueBackend(config: AppConfig): QueueConnection {
  const redisUrl = config.values.REDIS_URL;
  if (redisUrl) {
    setDefaultBackendFactory(createRedisBackend);
    return new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  }
  setDefaultBackendFactory(createPostgresBackend as unknown as typeof createRedisBackend);
  return { connectionString: config.databaseUrl, schema: BULLMQ_PG_SCHEMA, max: 4 };
}

/**
 * Applies BullMQ's own PostgreSQL schema migrations (part of `npm run migrate` when Redis is not configured), then lets
 * the application role (`verity_app`, created by the migrations) use the schema, so that a production login role that
 * owns nothing and is a member of it can run the queues. BullMQ creates a sequence per queue on first use, hence
 * CREATE on the schema. The schema holds job ids and payloads that refer to ids, no tenant data.
 */
export async function migrateQueueBackend(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const applied = await runBullmqMigrations(client, BULLMQ_PG_SCHEMA);
    const role = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = 'verity_app'`);
    if (role.rowCount) {
      await client.query(`GRANT USAGE, CREATE ON SCHEMA ${BULLMQ_PG_SCHEMA} TO verity_app`);
      await client.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${BULLMQ_PG_SCHEMA} TO verity_app`,
      );
      await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${BULLMQ_PG_SCHEMA} TO verity_app`);
    }
    return applied;
  } finally {
    await client.end();
  }
}

/** Retries with backoff and bounded retention: completed ids are kept a day so redelivery is deduplicated. */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

export function openQueue(name: string, connection: QueueConnection, prefix: string): Queue {
  return new Queue(name, { connection, prefix, defaultJobOptions });
}
