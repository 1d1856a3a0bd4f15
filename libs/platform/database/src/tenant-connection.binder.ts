import { DataSource, type DataSourceOptions } from 'typeorm';
import { TenantContext } from './tenant.context.js';

type Release = (error?: unknown) => void;
interface PgConnection {
  query(sql: string, params: unknown[]): Promise<unknown>;
}
interface MasterConnectionSource {
  obtainMasterConnection(): Promise<[PgConnection, Release]>;
}

/**
 * The session-level `verity.tenant_id` each pooled connection holds. Only bindConnectionsToTenantContext sets it at
 * session level, always outside a transaction (so no rollback reverts it).
 */
const sessionTenants = new WeakMap<object, string>();

/**
 * The tenant a connection's session is bound to ('' for none), when this module bound it; undefined when unknown
 * (a DataSource that is not tenant-bound, or a connection whose last binding failed). `TransactionRunner.run` skips its
 * SET LOCAL when the session already holds the transaction's tenant: the value inside the transaction is the same.
 */
export function sessionTenantOf(connection: unknown): string | undefined {
  return typeof connection === 'object' && connection !== null ? sessionTenants.get(connection) : undefined;
}

/**
 * Every connection the DataSource takes from its pool starts with `verity.tenant_id` set to the tenant of the current
 * TenantContext scope, or cleared when there is none. Transactions set it again with SET LOCAL (TransactionRunner.run);
 * this covers the reads repositories make outside a transaction (`dataSource.manager`, `dataSource.query`), which
 * would otherwise see no tenant-scoped row. Because each checkout overwrites the value, a pooled connection never
 * carries one request's tenant into another (a connection already holding the scope's tenant is handed out as is).
 */
export function bindConnectionsToTenantContext(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as MasterConnectionSource;
  const obtain = driver.obtainMasterConnection.bind(driver);
  // A checkout for the tenant the connection's session already holds skips the round trip (see sessionTenants).
  const bound = sessionTenants;
  driver.obtainMasterConnection = async () => {
    const [connection, release] = await obtain();
    const tenant = TenantContext.current() ?? '';
    if (bound.get(connection) === tenant) return [connection, release];
    try {
      bound.delete(connection);
      await connection.query(`SELECT set_config('verity.tenant_id', $1, false)`, [tenant]);
      bound.set(connection, tenant);
    } catch (error) {
      release(error);
      throw error;
    }
    return [connection, release];
  };
}

/** The application's DataSource: its connections follow the TenantContext (see bindConnectionsToTenantContext). */
export function createTenantBoundDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  bindConnectionsToTenantContext(dataSource);
  return dataSource;
}
