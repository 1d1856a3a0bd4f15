import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The feature query counts a customer's earlier payments with the same counterparty up to the payment's booking time.
 * With booked_at in the (tenant, customer, counterparty) index that count is an index range, and the planner no
 * longer prefers the investigation's (tenant, counterparty, booked_at) index, which reads every customer's payments
 * with that counterparty (seen with fresh statistics in the ISO 20022 benchmark).
 */
export class ExtendCustomerCounterpartyIndex1795460100000 implements MigrationInterface {
  name = 'ExtendCustomerCounterpartyIndex1795460100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "monitoring_transactions_customer_counterparty_booked" ON "monitoring_transactions" ("tenant_id", "customer_id", "counterparty_key", "booked_at") `,
    );
    await q.query(`DROP INDEX "monitoring_transactions_customer_counterparty"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "monitoring_transactions_customer_counterparty" ON "monitoring_transactions" ("tenant_id", "customer_id", "counterparty_key") `,
    );
    await q.query(`DROP INDEX "monitoring_transactions_customer_counterparty_booked"`);
  }
}
