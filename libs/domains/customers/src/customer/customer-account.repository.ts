import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { CustomerAccountEntity } from './customer-account.entity.js';

@Injectable()
export class CustomerAccountRepository {
  listByCustomer(tx: Tx, tenantId: string, customerId: string): Promise<CustomerAccountEntity[]> {
    return tx.find(CustomerAccountEntity, { where: { tenantId, customerId }, order: { openedAt: 'ASC' } });
  }

  findByExternalRef(tx: Tx, tenantId: string, externalRef: string): Promise<CustomerAccountEntity | null> {
    return tx.findOneBy(CustomerAccountEntity, { tenantId, externalRef });
  }

  /** Inserts the account unless the reference exists (a concurrent insert wins); answers the new id or null. */
  async insertIfAbsent(
    tx: Tx,
    account: { tenantId: string; customerId: string; externalRef: string; currency: string; openedAt: Date },
  ): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO customer_accounts (tenant_id, customer_id, external_ref, currency, opened_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, external_ref) DO NOTHING
       RETURNING id`,
      [account.tenantId, account.customerId, account.externalRef, account.currency, account.openedAt],
    );
    return rows[0]?.id ?? null;
  }
}
