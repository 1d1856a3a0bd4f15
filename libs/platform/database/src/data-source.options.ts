import type { DataSourceOptions } from 'typeorm';
import { migrations } from '@migrations';

export interface DataSourceSettings {
  readonly url: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
  readonly entities?: DataSourceOptions['entities'];
  /**
   * The role every pooled connection acts as (libpq startup option `-c role=…`): the application's role, which owns
   * no table and is bound by row-level security. Unset for migrations, which run as the connecting (owning) user.
   */
  readonly role?: string;
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
    // The application role may not create extensions; migrations (no role) install what the schema needs.
    installExtensions: !settings.role,
    extra: {
      connectionTimeoutMillis: 5_000,
      ...(settings.role ? { options: `-c role=${settings.role}` } : {}),
    },
  };
}
