import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { AuditLedger, type AuditActor, type AuditEvent } from '@domains/audit';
import { CustomerDirectory, type TransactionParty, type TransactionPartyRef } from './customer-directory.port.js';
import { CustomerDirectoryRepository, type NewMinimalAccount, type PartyRow } from './customer-directory.repository.js';

const SYSTEM: AuditActor = { type: 'system', id: 'customers.directory' };

/**
 * Resolves a transaction's provider references in monitoring's transaction. The known case is one indexed query;
 * unknown references become minimal records (`kyc_required`) with INSERT … ON CONFLICT DO NOTHING, then a select, so
 * concurrent transactions of the same new customer create it once.
 */
@Injectable()
export class CustomerDirectoryService extends CustomerDirectory {
  constructor(
    private readonly ledger: AuditLedger,
    private readonly parties: CustomerDirectoryRepository,
  ) {
    super();
  }

  /** One reference: resolveManyForTransaction of one (one statement when the customer and account are known). */
  async resolveForTransaction(
    tx: Tx,
    tenantId: string,
    ref: TransactionPartyRef,
    policy: 'reject' | 'create',
  ): Promise<TransactionParty | null> {
    const [party] = await this.resolveManyForTransaction(tx, tenantId, [ref], policy);
    return party;
  }

  /**
   * The known pairs in one statement; with `create`, the unknown customers in one insert, the unknown accounts in
   * another (under the customer of the first ref naming them), their audit entries in one recordMany, and the pairs
   * read again. Entries come in ref order, a customer's creation before its account's, as resolveForTransaction
   * would write them one ref after another.
   */
  async resolveManyForTransaction(
    tx: Tx,
    tenantId: string,
    refs: readonly TransactionPartyRef[],
    policy: 'reject' | 'create',
  ): Promise<(TransactionParty | null)[]> {
    // Each distinct (customer, account) pair is read once; refs point at their pair.
    const pairIndex = new Map<string, number>();
    const pairs: TransactionPartyRef[] = [];
    const pairOf = refs.map((ref) => {
      const k = `${ref.customerRef}\u0000${ref.accountRef}`;
      let i = pairIndex.get(k);
      if (i === undefined) {
        i = pairs.length;
        pairIndex.set(k, i);
        pairs.push(ref);
      }
      return i;
    });
    let rows = await this.parties.findPartiesByRefs(tx, tenantId, pairs);
    const unresolved = rows.some((row) => row === null || row.account_id === null);
    const created = { customers: new Map<string, string>(), accounts: new Map<string, string>() };
    if (unresolved && policy === 'create') {
      const missingCustomers = [...new Set(pairs.filter((_, i) => rows[i] === null).map((p) => p.customerRef))];
      for (const c of await this.parties.insertMinimalCustomers(tx, tenantId, missingCustomers)) {
        created.customers.set(c.externalRef, c.id);
      }
      if (missingCustomers.length > 0) rows = await this.parties.findPartiesByRefs(tx, tenantId, pairs);
      const accounts = new Map<string, NewMinimalAccount>();
      pairs.forEach((pair, i) => {
        const row = rows[i];
        if (!row) throw new Error(`customer ${pair.customerRef} neither inserted nor found`);
        if (row.account_id === null && !accounts.has(pair.accountRef)) {
          accounts.set(pair.accountRef, {
            customerId: row.customer_id,
            externalRef: pair.accountRef,
            currency: pair.currency,
            openedAt: pair.seenAt,
          });
        }
      });
      for (const a of await this.parties.insertAccounts(tx, tenantId, [...accounts.values()])) {
        created.accounts.set(a.externalRef, a.id);
      }
      if (accounts.size > 0) rows = await this.parties.findPartiesByRefs(tx, tenantId, pairs);
      await this.ledger.recordMany(tx, this.creationEvents(tenantId, refs, created, accounts));
    }
    const customerFlagged = new Set<string>();
    const accountFlagged = new Set<string>();
    return refs.map((ref, i) => {
      const row = rows[pairOf[i]];
      if (!row || row.account_id === null) {
        if (policy === 'reject') return null;
        throw new Error(`account ${ref.accountRef} neither inserted nor found`);
      }
      const customerCreated = created.customers.has(ref.customerRef) && !customerFlagged.has(ref.customerRef);
      if (customerCreated) customerFlagged.add(ref.customerRef);
      const accountCreated = created.accounts.has(ref.accountRef) && !accountFlagged.has(ref.accountRef);
      if (accountCreated) accountFlagged.add(ref.accountRef);
      return this.partyOf(row, customerCreated, accountCreated);
    });
  }

  /** The entries resolveForTransaction writes for what was created, in the order it would write them. */
  private creationEvents(
    tenantId: string,
    refs: readonly TransactionPartyRef[],
    created: { customers: ReadonlyMap<string, string>; accounts: ReadonlyMap<string, string> },
    accounts: ReadonlyMap<string, NewMinimalAccount>,
  ): AuditEvent[] {
    const events: AuditEvent[] = [];
    const customersDone = new Set<string>();
    const accountsDone = new Set<string>();
    for (const ref of refs) {
      const customerId = created.customers.get(ref.customerRef);
      if (customerId !== undefined && !customersDone.has(ref.customerRef)) {
        customersDone.add(ref.customerRef);
        events.push({
          tenantId,
          actor: SYSTEM,
          action: 'customers.customer.created',
          subject: { type: 'customer', id: customerId },
          payload: { type: 'individual', externalRef: ref.customerRef, kycRequired: true, source: 'transaction' },
        });
      }
      const accountId = created.accounts.get(ref.accountRef);
      const account = accounts.get(ref.accountRef);
      if (accountId !== undefined && account && !accountsDone.has(ref.accountRef)) {
        accountsDone.add(ref.accountRef);
        events.push({
          tenantId,
          actor: SYSTEM,
          action: 'customers.account.created',
          subject: { type: 'customer', id: account.customerId },
          payload: { accountId, externalRef: account.externalRef, currency: account.currency, source: 'transaction' },
        });
      }
    }
    return events;
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
