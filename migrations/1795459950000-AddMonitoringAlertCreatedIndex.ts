import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alert intake reads each tenant's monitoring alerts created since its cursor, of every status, every few seconds:
 * an index on (tenant, created_at) makes that a range scan instead of a walk over the tenant's alerts.
 */
export class AddMonitoringAlertCreatedIndex1795459950000 implements MigrationInterface {
  name = 'AddMonitoringAlertCreatedIndex1795459950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "monitoring_alerts_tenant_created" ON "monitoring_alerts" ("tenant_id", "created_at") `,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "monitoring_alerts_tenant_created"`);
  }
}
