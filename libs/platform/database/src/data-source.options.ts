import type { DataSourceOptions } from 'typeorm';
import { migrations } from '@migrations';

export interface DataSourceSettings {
  readonly url: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
  readonly entities?: DataSourceOptions['entities'];
}

/** The one place that says how Verity talks to PostgreSQL: never synchronize, migrations from migrations/. */
export function buildDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    uuidExtension: 'pgcrypto',
    migrationsTransactionMode: 'each',
    entities: settings.entities ?? [],
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'verity',
    extra: { connectionTimeoutMillis: 5_000 },
  };
}
