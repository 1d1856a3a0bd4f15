import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule, loadConfig, loadDotEnv } from '@platform/config';
import { DatabaseConnector, DatabaseModule } from '@platform/database';
import { AuditExportService, AuditFsckService, AuditModule } from '@domains/audit';
import { IdentityModule, TenantRepository } from '@domains/identity';
import { openLocalDatabase } from './local-database.js';

/** What the database-side audit commands use, and how to let go of it. */
export interface AuditCliContext {
  readonly fsck: AuditFsckService;
  readonly exporter: AuditExportService;
  /** The tenant's id for a slug, or null when there is no such tenant. */
  tenantIdOf(slug: string): Promise<string | null>;
  close(): Promise<void>;
}

export type OpenAuditCliContext = () => Promise<AuditCliContext>;

/**
 * A Nest application context over the ledger for a command-line run. Without `config` it uses DATABASE_URL (or .env,
 * or the embedded PostgreSQL of `npm start`), as `verity keys create` does; tests pass their own configuration.
 */
export async function openAuditCliContext(config?: AppConfig): Promise<AuditCliContext> {
  let closeDatabase = (): Promise<void> => Promise.resolve();
  if (!config) {
    loadDotEnv();
    const database = await openLocalDatabase();
    closeDatabase = () => database.close();
    config = new AppConfig(loadConfig({ ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }));
  }

  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, AuditModule, IdentityModule] })
  class AuditCliModule {}

  const app = await NestFactory.createApplicationContext(AuditCliModule, { logger: ['error'] });
  try {
    await app.init();
    await app.get(DatabaseConnector).whenConnected();
  } catch (error) {
    await app.close();
    await closeDatabase();
    throw error;
  }
  const tenants = app.get(TenantRepository);
  return {
    fsck: app.get(AuditFsckService),
    exporter: app.get(AuditExportService),
    tenantIdOf: async (slug) => (await tenants.findBySlug(slug.trim().toLowerCase()))?.id ?? null,
    close: async () => {
      await app.close();
      await closeDatabase();
    },
  };
}
