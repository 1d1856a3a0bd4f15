import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@platform/config';
import { buildDataSourceOptions } from './data-source.options.js';
import { DatabaseConnector } from './database.connector.js';
import { createTenantBoundDataSource } from './tenant-connection.binder.js';
import { TransactionRunner } from './transaction.runner.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          url: config.databaseUrl,
          poolSize: config.values.DATABASE_POOL_SIZE,
          applicationName: 'verity',
          // `none` is PostgreSQL's own word for "no role switch" (SET ROLE NONE).
          role: config.values.DATABASE_APP_ROLE === 'none' ? undefined : config.values.DATABASE_APP_ROLE,
        }),
        autoLoadEntities: true,
        // DatabaseConnector initialises in the background so a down database does not stop the process.
        manualInitialization: true,
      }),
      dataSourceFactory: (options) => {
        if (!options) throw new Error('DatabaseModule: no DataSource options');
        return Promise.resolve(createTenantBoundDataSource(options));
      },
    }),
  ],
  providers: [DatabaseConnector, TransactionRunner],
  exports: [DatabaseConnector, TransactionRunner],
})
export class DatabaseModule {}
