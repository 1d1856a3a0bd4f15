import type { AppConfigValues } from './config.schema.js';

/**
 * The validated configuration as an injectable: services depend on this class, never on process.env.
 */
export class AppConfig {
  constructor(readonly values: AppConfigValues) {}

  get isProduction(): boolean {
    return this.values.NODE_ENV === 'production';
  }

  get databaseUrl(): string {
    const url = this.values.DATABASE_URL;
    if (!url) {
      throw new Error('DATABASE_URL is not set: start through `npm start` (embedded PostgreSQL) or set it');
    }
    return url;
  }

  get queueBackend(): 'redis' | 'postgres' {
    return this.values.REDIS_URL ? 'redis' : 'postgres';
  }

  get publicUrl(): string {
    return this.values.PUBLIC_URL ?? `http://localhost:${this.values.PORT}`;
  }
}
