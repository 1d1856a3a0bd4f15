import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { CustomerAccountRepository } from '../customer/customer-account.repository.js';
import { CustomerRepository, type PartyRow } from '../customer/customer.repository.js';
import { CustomerDirectory, type TransactionParty } from './customer-directory.port.js';

const SYSTEM: AuditActor = { type: 'system', id: 'customers.directory' };

/**
 * Resolves a transaction's provider references in monitoring's transaction. The known case is one indexed query;
 * unknown references become minimal records (`kyc_required`) with INSERT … ON CONFLICT DO NOTHING, then a select, so
 * concurrent transactions of the same new customer create it once.
 */
@Injectable()
export class CustomerDirectoryService extends CustomerDirectory {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly accounts: CustomerAccountRepository,
    private readonly ledger: AuditLedger,
  ) {
    super();
  }

  async resolveForTransaction(
    tx: Tx,
    tenantId: string,
    ref: { customerRef: string; accountRef: string; currency: string; seenAt: Date },
    policy: 'reject' | 'create',
  ): Promise<TransactionParty | null> {
    let row = await this.customers.findPartyByRefs(tx, tenantId, ref.customerRef, ref.accountRef);
    if (row && row.account_id !== null) return this.partyOf(row, false, false);
    if (policy === 'reject') return null;

    let customerCreated = false;
    if (!row) {
      const createdId = await this.customers.insertMinimal(tx, tenantId, ref.customerRef);
      if (createdId) {
        customerCreated = true;
        await this.ledger.record(tx, {
          tenantId,
          actor: SYSTEM,
          action: 'customers.customer.created',
          subject: { type: 'customer', id: createdId },
          payload: { type: 'individual', externalRef: ref.customerRef, kycRequired: true, source: 'transaction' },
        });
      }
      row = await this.customers.findPartyByRefs(tx, tenantId, ref.customerRef, ref.accountRef);
      if (!row) throw new Error(`customer ${ref.customerRef} neither inserted nor found`);
      if (row.account_id !== null) return this.partyOf(row, customerCreated, false);
    }

    const accountId = await this.accounts.insertIfAbsent(tx, {
      tenantId,
      customerId: row.customer_id,
      externalRef: ref.accountRef,
      currency: ref.currency,
      openedAt: ref.seenAt,
    });
    if (accountId) {
      await this.ledger.record(tx, {
        tenantId,
        actor: SYSTEM,
        action: 'customers.account.created',
        subject: { type: 'customer', id: row.customer_id },
        payload: { accountId, externalRef: ref.accountRef, currency: ref.currency, source: 'transaction' },
      });
    }
    const resolved = await this.customers.findPartyByRefs(tx, tenantId, ref.customerRef, ref.accountRef);
    if (!resolved || resolved.account_id === null)
      throw new Error(`account ${ref.accountRef} neither inserted nor found`);
    return this.partyOf(resolved, customerCreated, accountId !== null);
  }

  private partyOf(row: PartyRow, customerCreated: boolean, accountCreated: boolean): TransactionParty {
    return {
      customerId: row.customer_id,
      accountId: row.account_id as string,
      customerCreated,
      accountCreated,
      riskRating: row.risk_rating,
      kycStatus: row.kyc_status,
      isPep: row.is_pep,
      accountOpenedAt: row.opened_at as Date,
    };
  }
}
