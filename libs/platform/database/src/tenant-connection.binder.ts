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
 * Every connection the DataSource takes from its pool starts with `verity.tenant_id` set to the tenant of the current
 * TenantContext scope, or cleared when there is none. Transactions set it again with SET LOCAL (TransactionRunner.run);
 * this covers the reads repositories make outside a transaction (`dataSource.manager`, `dataSource.query`), which
 * would otherwise see no tenant-scoped row. Because each checkout overwrites the value, a pooled connection never
 * carries one request's tenant into another (a connection already holding the scope's tenant is handed out as is).
 */
export function bindConnectionsToTenantContext(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as MasterConnectionSource;
  const obtain = driver.obtainMasterConnection.bind(driver);
  // The session-level value each pooled connection holds. Only this function sets it at session level, always
  // outside a transaction (so no rollback reverts it), hence a checkout for the same tenant can skip the round trip.
  const bound = new WeakMap<PgConnection, string>();
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
