import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for investigation views: a customer's transactions by the customers domain's id (customer at a glance, the
 * money-flow graph) and everyone's transactions with one counterparty (the graph's hop expansion).
 */
export class CreateInvestigationIndexes1795459500000 implements MigrationInterface {
  name = 'CreateInvestigationIndexes1795459500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "monitoring_transactions_record_booked" ON "monitoring_transactions" ("tenant_id", "customer_record_id", "booked_at") `,
    );
    await q.query(
      `CREATE INDEX "monitoring_transactions_counterparty_booked" ON "monitoring_transactions" ("tenant_id", "counterparty_key", "booked_at") `,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "monitoring_transactions_counterparty_booked"`);
    await q.query(`DROP INDEX "monitoring_transactions_record_booked"`);
  }
}
