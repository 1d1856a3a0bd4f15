import { Injectable } from '@nestjs/common';
import { preparedQuery, type Tx } from '@platform/database';

/** A transaction's customer with the account it names (matched whatever customer the account belongs to). */
export interface PartyRow {
  customer_id: string;
  risk_rating: 'unrated' | 'low' | 'medium' | 'high';
  kyc_status: string;
  is_pep: boolean;
  account_id: string | null;
  opened_at: Date | null;
}

/** A (customer, account) reference pair of a batch, as the decision names them. */
export interface PartyRefs {
  readonly customerRef: string;
  readonly accountRef: string;
}

export interface NewMinimalAccount {
  readonly customerId: string;
  readonly externalRef: string;
  readonly currency: string;
  readonly openedAt: Date;
}

/**
 * Each pair's customer (by its provider reference) with the account of its account reference (of any customer), in
 * one statement, answered in the pairs' order (`ord`, from 0); no customer → the pair's columns are null.
 */
const PARTIES_BY_REFS_SQL = `
SELECT (q.ord - 1)::int AS ord, c.id AS customer_id, c.risk_rating, c.kyc_status, c.is_pep,
       a.id AS account_id, a.opened_at
  FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS q(customer_ref, account_ref, ord)
  LEFT JOIN customers c ON c.tenant_id = $1 AND c.external_ref = q.customer_ref
  LEFT JOIN customer_accounts a ON c.id IS NOT NULL AND a.tenant_id = $1 AND a.external_ref = q.account_ref
 ORDER BY q.ord`;

/**
 * The directory's set-based statements for a batch of transactions: the same rows as CustomerRepository's and
 * CustomerAccountRepository's one-row statements (minimal customers flagged for KYC, accounts opened when first
 * seen, INSERT … ON CONFLICT DO NOTHING so concurrent batches create each record once), one round trip for many.
 */
@Injectable()
export class CustomerDirectoryRepository {
  /** One entry per pair, in order: the party row, or null when the customer is unknown. */
  async findPartiesByRefs(tx: Tx, tenantId: string, pairs: readonly PartyRefs[]): Promise<(PartyRow | null)[]> {
    if (pairs.length === 0) return [];
    const rows = await preparedQuery<PartyRow & { ord: number; customer_id: string | null }>(
      tx,
      'verity_customers_parties_by_refs',
      PARTIES_BY_REFS_SQL,
      [tenantId, pairs.map((p) => p.customerRef), pairs.map((p) => p.accountRef)],
    );
    const found: (PartyRow | null)[] = pairs.map(() => null);
    for (const { ord, ...row } of rows) if (row.customer_id !== null) found[ord] = row;
    return found;
  }

  /** Minimal records for unknown references; answers the ones this call inserted (not those a concurrent one did). */
  async insertMinimalCustomers(
    tx: Tx,
    tenantId: string,
    customerRefs: readonly string[],
  ): Promise<{ id: string; externalRef: string }[]> {
    if (customerRefs.length === 0) return [];
    const rows: { id: string; external_ref: string }[] = await tx.query(
      `INSERT INTO customers (tenant_id, external_ref, type, full_name, aliases, nationalities, addresses, identifiers, kyc_required)
       SELECT $1, r.ref, 'individual', r.ref, '[]', '[]', '[]', '[]', true
         FROM unnest($2::text[]) WITH ORDINALITY AS r(ref, ord) ORDER BY r.ord
       ON CONFLICT (tenant_id, external_ref) DO NOTHING
       RETURNING id, external_ref`,
      [tenantId, customerRefs],
    );
    return rows.map((r) => ({ id: r.id, externalRef: r.external_ref }));
  }

  /** Accounts for unknown references; answers the ones this call inserted. */
  async insertAccounts(
    tx: Tx,
    tenantId: string,
    accounts: readonly NewMinimalAccount[],
  ): Promise<{ id: string; externalRef: string }[]> {
    if (accounts.length === 0) return [];
    const rows: { id: string; external_ref: string }[] = await tx.query(
      `INSERT INTO customer_accounts (tenant_id, customer_id, external_ref, currency, opened_at)
       SELECT $1, a.customer_id, a.external_ref, a.currency, a.opened_at
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
              WITH ORDINALITY AS a(customer_id, external_ref, currency, opened_at, ord)
        ORDER BY a.ord
       ON CONFLICT (tenant_id, external_ref) DO NOTHING
       RETURNING id, external_ref`,
      [
        tenantId,
        accounts.map((a) => a.customerId),
        accounts.map((a) => a.externalRef),
        accounts.map((a) => a.currency),
        accounts.map((a) => a.openedAt.toISOString()),
      ],
    );
    return rows.map((r) => ({ id: r.id, externalRef: r.external_ref }));
  }
}
