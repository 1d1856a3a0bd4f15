import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PlatformError } from '@platform/errors';

/** A database transaction handed to repositories; every write that must commit together shares one. */
export type Tx = EntityManager;

@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one READ COMMITTED transaction; it commits when `work` resolves and rolls back when it throws. */
  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (!this.dataSource.isInitialized) {
      throw new PlatformError('platform/database_unavailable', 'unavailable', 'The database is not reachable yet');
    }
    return this.dataSource.transaction(work);
  }

  /** The non-transactional manager, for reads that need no isolation. */
  get reader(): EntityManager {
    if (!this.dataSource.isInitialized) {
      throw new PlatformError('platform/database_unavailable', 'unavailable', 'The database is not reachable yet');
    }
    return this.dataSource.manager;
  }
}
