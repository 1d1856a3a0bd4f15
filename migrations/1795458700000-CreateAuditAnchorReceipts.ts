import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts of the scheduled anchoring job: one per (log, checkpoint size, anchor kind). Write-once like the other
 * audit record tables: the same `audit_reject_change()` trigger refuses UPDATE, DELETE and TRUNCATE for every role
 * outside the documented maintenance procedure.
 */
export class CreateAuditAnchorReceipts1795458700000 implements MigrationInterface {
  name = 'CreateAuditAnchorReceipts1795458700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_anchor_receipts" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "log_id" bigint NOT NULL, "tree_size" bigint NOT NULL, "kind" text NOT NULL, "receipt" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_audit_anchor_receipts_checkpoint_kind" UNIQUE ("log_id", "tree_size", "kind"), CONSTRAINT "PK_94355488e56651b8b605aabd30c" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `ALTER TABLE "audit_anchor_receipts" ADD CONSTRAINT "fk_audit_anchor_receipts_log" FOREIGN KEY ("log_id") REFERENCES "audit_logs"("id")`,
    );
    await q.query(
      `CREATE TRIGGER "audit_anchor_receipts_write_once" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_anchor_receipts"
       FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "audit_anchor_receipts_write_once" ON "audit_anchor_receipts"`);
    await q.query(`DROP TABLE "audit_anchor_receipts"`);
  }
}
