import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';

/** A counterparty as last seen in a tenant's transactions. */
export interface RecentCounterparty {
  readonly counterpartyKey: string;
  readonly customerId: string;
  readonly name: string;
  readonly country: string | null;
}

/** Reads the counterparties of recently accepted transactions (monitoring_transactions). */
@Injectable()
export class RecentCounterpartyRepository {
  /** One row per counterparty key among transactions accepted after `since`: its latest name and country. */
  async seenSince(tx: Tx, tenantId: string, since: Date, limit: number): Promise<RecentCounterparty[]> {
    const rows = await tx.query<{ key: string; customer_id: string; name: string | null; country: string | null }[]>(
      `SELECT DISTINCT ON (counterparty_key)
              counterparty_key AS key, customer_id, counterparty->>'name' AS name, counterparty->>'country' AS country
         FROM monitoring_transactions
        WHERE tenant_id = $1 AND created_at > $2
        ORDER BY counterparty_key, created_at DESC
        LIMIT $3`,
      [tenantId, since, limit],
    );
    return rows
      .filter((r) => typeof r.name === 'string' && r.name.trim() !== '')
      .map((r) => ({ counterpartyKey: r.key, customerId: r.customer_id, name: r.name ?? '', country: r.country }));
  }
}
