import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-log failure counters of the worker's witness and anchoring steps, which the api reads for its metrics and its
 * readiness check. An ordinary table: counters are updated in place and are not evidence.
 */
export class CreateAuditPublicationFailures1795458701000 implements MigrationInterface {
  name = 'CreateAuditPublicationFailures1795458701000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_publication_failures" ("log_id" bigint NOT NULL, "stage" text NOT NULL, "kind" text NOT NULL, "failures_total" bigint NOT NULL DEFAULT '0', "failing_since" TIMESTAMP WITH TIME ZONE, "last_error" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f2f243f518f8aec791605f79a4" PRIMARY KEY ("log_id", "stage", "kind"))`,
    );
    await q.query(
      `ALTER TABLE "audit_publication_failures" ADD CONSTRAINT "fk_audit_publication_failures_log" FOREIGN KEY ("log_id") REFERENCES "audit_logs"("id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_publication_failures"`);
  }
}
