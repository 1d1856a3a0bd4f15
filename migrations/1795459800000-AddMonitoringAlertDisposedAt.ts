import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a monitoring alert's disposition was recorded, kept on the alert itself so monitoring's readers (the ISO 20022
 * later status reports) need not read the cases domain's tables.
 */
export class AddMonitoringAlertDisposedAt1795459800000 implements MigrationInterface {
  name = 'AddMonitoringAlertDisposedAt1795459800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "monitoring_alerts" ADD "disposed_at" TIMESTAMP WITH TIME ZONE`);
    // Alerts already closed through the queue: take the time from the queue alert that carried the disposition.
    await q.query(
      `UPDATE "monitoring_alerts" a SET "disposed_at" = c."disposed_at" FROM "case_alerts" c
        WHERE a."disposition" IS NOT NULL AND c."tenant_id" = a."tenant_id" AND c."type" = 'transaction'
          AND c."source_id" = a."id"::text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "monitoring_alerts" DROP COLUMN "disposed_at"`);
  }
}
