import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { TenantScanner } from '@domains/identity';
import { IdempotencyKeyRepository } from './idempotency-key.repository.js';

/** Deletes expired Idempotency-Keys (after MONITORING_IDEMPOTENCY_TTL_HOURS), tenant by tenant. */
@Injectable()
export class IdempotencyPruneService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tenants: TenantScanner,
    private readonly keys: IdempotencyKeyRepository,
  ) {}

  async pruneExpired(now = new Date()): Promise<number> {
    return this.tenants.sum((tenantId) =>
      this.transactions.run((tx) => this.keys.deleteExpired(tx, tenantId, now), { tenantId }),
    );
  }
}
