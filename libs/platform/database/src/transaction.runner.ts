import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PlatformError } from '@platform/errors';
import { sessionTenantOf } from './tenant-connection.binder.js';
import { TenantContext } from './tenant.context.js';

/** A database transaction handed to repositories; every write that must commit together shares one. */
export type Tx = EntityManager;

export interface TransactionOptions {
  /**
   * The tenant whose rows the transaction may see and write (row-level security). Defaults to the tenant of the
   * current `TenantContext` scope; with neither, the transaction sees no tenant-scoped row at all.
   */
  readonly tenantId?: string;
}

/**
 * The driver connection under a transaction's query runner (node-postgres' Client), for sessionTenantOf and
 * preparedQuery; undefined outside a transaction.
 */
export function connectionOf(tx: Tx): unknown {
  return (tx.queryRunner as unknown as { databaseConnection?: unknown } | undefined)?.databaseConnection;
}

@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one READ COMMITTED transaction; it commits when `work` resolves and rolls back when it throws. Its
   * first statement sets `verity.tenant_id` for this transaction only (SET LOCAL semantics), so a pooled connection
   * never carries one request's tenant into the next. That statement is skipped when the connection's session already
   * holds this tenant (the pool binds each checkout to the current TenantContext, see tenant-connection.binder.ts):
   * inside the transaction the value is then the same, and a request's transactions in its own tenant's scope save a
   * round trip each.
   */
  async run<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (!this.dataSource.isInitialized) {
      throw new PlatformError('platform/database_unavailable', 'unavailable', 'The database is not reachable yet');
    }
    const tenantId = options.tenantId ?? TenantContext.current();
    return this.dataSource.transaction(async (tx) => {
      if (tenantId !== undefined && sessionTenantOf(connectionOf(tx)) !== tenantId) {
        await tx.query(`SELECT set_config('verity.tenant_id', $1, true)`, [tenantId]);
      }
      return work(tx);
    });
  }

  /**
   * Makes the rest of `tx` act as `tenantId`: for the one transaction that creates a tenant and then its first rows,
   * whose id is only known once the tenant exists.
   */
  async actAs(tx: Tx, tenantId: string): Promise<void> {
    await tx.query(`SELECT set_config('verity.tenant_id', $1, true)`, [tenantId]);
  }

  /** Runs `work` in the caller's transaction when there is one, otherwise in a new one (see `run`). */
  join<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return tx ? work(tx) : this.run(work, options);
  }

  /**
   * The non-transactional manager. It carries no tenant, so row-level security shows it no tenant-scoped row: use it
   * only for tables that are not tenant-scoped (tenants, outbox_jobs, audit_verifier_keys).
   */
  get reader(): EntityManager {
    if (!this.dataSource.isInitialized) {
      throw new PlatformError('platform/database_unavailable', 'unavailable', 'The database is not reachable yet');
    }
    return this.dataSource.manager;
  }
}
