import { Injectable, Logger } from '@nestjs/common';
import { TenantContext } from '@platform/database';
import { TenantRepository } from './tenant.repository.js';

/** The tenants a scan could not finish, after it finished every other one. */
export class TenantScanError extends Error {
  constructor(readonly failures: readonly { readonly tenantId: string; readonly error: unknown }[]) {
    const first = failures[0];
    const reason = first?.error instanceof Error ? first.error.message : String(first?.error);
    super(`${failures.length} tenant(s) failed, first ${first?.tenantId ?? '?'}: ${reason}`);
    this.name = 'TenantScanError';
  }
}

/**
 * Work done tenant by tenant (scheduled jobs): row-level security shows one tenant at a time, so each tenant's part
 * runs in its own TenantContext. One tenant's failure does not stop the others: it is logged, the scan goes on, and
 * the scan then fails with every failed tenant named (so the job is retried) once the rest is done.
 */
@Injectable()
export class TenantScanner {
  private readonly logger = new Logger(TenantScanner.name);

  constructor(private readonly tenants: TenantRepository) {}

  /** Runs `work` for every tenant (or the given ones) and sums what it returns. */
  async sum(work: (tenantId: string) => Promise<number>, tenantIds?: readonly string[]): Promise<number> {
    let total = 0;
    const failures: { tenantId: string; error: unknown }[] = [];
    for (const tenantId of tenantIds ?? (await this.tenants.listIds())) {
      try {
        total += await TenantContext.run(tenantId, () => work(tenantId));
      } catch (error) {
        this.logger.error(`tenant ${tenantId}: ${error instanceof Error ? error.message : String(error)}`);
        failures.push({ tenantId, error });
      }
    }
    if (failures.length > 0) throw new TenantScanError(failures);
    return total;
  }
}
