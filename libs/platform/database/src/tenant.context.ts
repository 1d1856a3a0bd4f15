import { AsyncLocalStorage } from 'node:async_hooks';

interface TenantScope {
  tenantId: string | undefined;
}

const scopes = new AsyncLocalStorage<TenantScope>();

/**
 * The tenant whose rows the current unit of work may see. Each HTTP request runs in its own (mutable) scope, opened by
 * a middleware and filled in by the AccessGuard once it knows the caller; worker jobs and command-line tools open a
 * scope per tenant with `run`. `TransactionRunner.run` reads it to set `verity.tenant_id` for the transaction, which
 * the row-level-security policies compare every row with.
 */
export class TenantContext {
  /** Runs `work` in a new, still empty scope (one per HTTP request); `assign` fills it in later. */
  static enter<T>(work: () => T): T {
    return scopes.run({ tenantId: undefined }, work);
  }

  /** Runs `work` as the given tenant (a job over one tenant's data, a CLI command, a test). */
  static run<T>(tenantId: string, work: () => T): T {
    return scopes.run({ tenantId }, work);
  }

  /** Sets the tenant of the current request's scope; outside any scope there is nothing to set, which is a bug. */
  static assign(tenantId: string): void {
    const scope = scopes.getStore();
    if (!scope) throw new Error('TenantContext.assign called outside a tenant scope (no TenantContext.enter)');
    scope.tenantId = tenantId;
  }

  /** The tenant of the current scope, if one is known. */
  static current(): string | undefined {
    return scopes.getStore()?.tenantId;
  }
}
