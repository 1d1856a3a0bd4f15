import 'reflect-metadata';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule, loadConfig, loadDotEnv } from '@platform/config';
import { DatabaseConnector, DatabaseModule } from '@platform/database';
import { MetricsRegistry } from '@platform/http';
import { QueueModule } from '@platform/queue';
import { APPROVAL_REQUESTER, IdentityModule, TenantRepository, type ApprovalRequester } from '@domains/identity';
import { ReportDocumentBuilder, ReportingModule, ReportRenderer, ReportService } from '@domains/reporting';
import { openLocalDatabase } from './local-database.js';

/** What `verity report` uses, and how to let go of it. */
export interface ReportCliContext {
  /** The Nest application context (tests set up data through its services). */
  readonly app: INestApplicationContext;
  readonly builder: ReportDocumentBuilder;
  readonly renderer: ReportRenderer;
  /** Records renderings of stored reports in the audit ledger. */
  readonly reports: ReportService;
  /** The tenant's id for a slug, or null when there is no such tenant. */
  tenantIdOf(slug: string): Promise<string | null>;
  close(): Promise<void>;
}

export type OpenReportCliContext = () => Promise<ReportCliContext>;

/**
 * A Nest application context over the reporting domain for a command-line run. Without `config` it uses DATABASE_URL
 * (or .env, or the embedded PostgreSQL of `npm start`); tests pass their own configuration. Nothing is enqueued: the
 * queue module is there only because domain services take a JobProducer (which writes the outbox).
 */
export async function openReportCliContext(config?: AppConfig): Promise<ReportCliContext> {
  let closeDatabase = (): Promise<void> => Promise.resolve();
  if (!config) {
    loadDotEnv();
    const database = await openLocalDatabase();
    closeDatabase = () => database.close();
    config = new AppConfig(loadConfig({ ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }));
  }

  // Domain services record metrics (the api's HttpPlatformModule provides the registry); a command keeps its own.
  // Rendering never asks for four-eyes approval; the report service still takes a requester, so it gets one that
  // refuses (the approvals module would pull in every handler's domain for nothing).
  const noApprovals: ApprovalRequester = {
    request: () => Promise.reject(new Error('verity report does not request approvals')),
    findPending: () => Promise.resolve([]),
  };
  @Global()
  @Module({
    providers: [MetricsRegistry, { provide: APPROVAL_REQUESTER, useValue: noApprovals }],
    exports: [MetricsRegistry, APPROVAL_REQUESTER],
  })
  class ReportCliMetricsModule {}

  @Module({
    imports: [
      ConfigModule.forRoot(config),
      ReportCliMetricsModule,
      DatabaseModule,
      QueueModule.forRoot({ queues: [], consume: false }),
      IdentityModule,
      ReportingModule,
    ],
  })
  class ReportCliModule {}

  const app = await NestFactory.createApplicationContext(ReportCliModule, { logger: ['error'] });
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
    app,
    builder: app.get(ReportDocumentBuilder),
    renderer: app.get(ReportRenderer),
    reports: app.get(ReportService),
    tenantIdOf: async (slug) => (await tenants.findBySlug(slug.trim().toLowerCase()))?.id ?? null,
    close: async () => {
      await app.close();
      await closeDatabase();
    },
  };
}
