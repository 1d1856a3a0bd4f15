import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/**
 * Evidence-pack exports requested over HTTP (`POST /v1/audit/exports`) and built by the worker: the request, its
 * progress and the finished pack as a .tar.gz. Tenant-scoped with row-level security like every other such table; an
 * ordinary table that the worker updates (the ledger records the request and the export), never deleted by the app.
 */
export class CreateAuditExports1795458750000 implements MigrationInterface {
  name = 'CreateAuditExports1795458750000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_exports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "requested_by_type" text NOT NULL, "requested_by_id" text NOT NULL, "selection" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'queued', "progress_done" integer NOT NULL DEFAULT '0', "progress_total" integer, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "archive" bytea, "archive_sha256" bytea, "archive_size" integer, "recorded_entry_id" bigint, CONSTRAINT "PK_audit_exports" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_exports_tenant_created" ON "audit_exports" ("tenant_id", "created_at") `);
    await q.query(
      `ALTER TABLE "audit_exports" ADD CONSTRAINT "fk_audit_exports_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    await q.query(
      `ALTER TABLE "audit_exports" ADD CONSTRAINT "fk_audit_exports_recorded_entry" FOREIGN KEY ("recorded_entry_id") REFERENCES "audit_entries"("id")`,
    );
    const rule = 'tenant_id = verity_current_tenant()';
    await q.query(`ALTER TABLE "audit_exports" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "audit_exports" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON "audit_exports" USING (${rule}) WITH CHECK (${rule})`);
    await q.query(
      `CREATE POLICY definer_read ON "audit_exports" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
    );
    await q.query(`REVOKE DELETE ON "audit_exports" FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_exports"`);
  }
}
