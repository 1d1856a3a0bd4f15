export { buildDataSourceOptions, type DataSourceSettings } from './data-source.options.js';
export { DatabaseConnector } from './database.connector.js';
export { DatabaseModule } from './database.module.js';
export {
  findFreePort,
  runningEmbeddedPostgresUrl,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from './embedded-postgres.launcher.js';
export { pendingMigrationNames, runPendingMigrations, type MigrationResult } from './migration.runner.js';
export { preparedQuery } from './prepared.query.js';
export { nextReferenceNumber, returnReferenceNumber } from './reference.counter.js';
export { GroupCommit, type GroupCommitOptions, type GroupOutcome } from './group-commit.js';
export { TenantContext } from './tenant.context.js';
export { TransactionRunner, type TransactionOptions, type Tx } from './transaction.runner.js';
export { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
