import { Injectable } from '@nestjs/common';
import { TenantContext, TransactionRunner } from '@platform/database';
import { TenantRepository } from '@domains/identity';
import { IdempotencyKeyRepository } from './idempotency-key.repository.js';

/** Deletes expired Idempotency-Keys (after MONITORING_IDEMPOTENCY_TTL_HOURS), tenant by tenant. */
@Injectable()
export class IdempotencyPruneService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tenants: TenantRepository,
    private readonly keys: IdempotencyKeyRepository,
  ) {}

  async pruneExpired(now = new Date()): Promise<number> {
    let removed = 0;
    for (const tenantId of await this.tenants.listIds()) {
      removed += await TenantContext.run(tenantId, () =>
        this.transactions.run((tx) => this.keys.deleteExpired(tx, tenantId, now), { tenantId }),
      );
    }
    return removed;
  }
}
