import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alert intake closes the queue alerts of source items decided elsewhere by reading each source's decisions since
 * a cursor: monitoring alerts by `disposed_at`, screening hits by `adjudicated_at`, KYC reviews by `completed_at`.
 * Partial indexes (only decided rows) make those range scans.
 */
export class AddDecidedSourceIndexes1795460000000 implements MigrationInterface {
  name = 'AddDecidedSourceIndexes1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "monitoring_alerts_tenant_disposed" ON "monitoring_alerts" ("tenant_id", "disposed_at") WHERE "disposed_at" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "screening_hits_tenant_adjudicated" ON "screening_hits" ("tenant_id", "adjudicated_at") WHERE "adjudicated_at" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "customer_reviews_tenant_completed" ON "customer_reviews" ("tenant_id", "completed_at") WHERE "completed_at" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "customer_reviews_tenant_completed"`);
    await q.query(`DROP INDEX "screening_hits_tenant_adjudicated"`);
    await q.query(`DROP INDEX "monitoring_alerts_tenant_disposed"`);
  }
}
