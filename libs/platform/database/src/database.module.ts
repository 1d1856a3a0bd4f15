import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@platform/config';
import { buildDataSourceOptions } from './data-source.options.js';
import { DatabaseConnector } from './database.connector.js';
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
        }),
        autoLoadEntities: true,
        // DatabaseConnector initialises in the background so a down database does not stop the process.
        manualInitialization: true,
      }),
    }),
  ],
  providers: [DatabaseConnector, TransactionRunner],
  exports: [DatabaseConnector, TransactionRunner],
})
export class DatabaseModule {}
