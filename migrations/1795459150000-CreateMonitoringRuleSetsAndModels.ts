import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

async function protect(q: QueryRunner, table: string): Promise<void> {
  const rule = 'tenant_id = verity_current_tenant()';
  await q.query(
    `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
  );
  await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${rule}) WITH CHECK (${rule})`);
  await q.query(
    `CREATE POLICY definer_read ON "${table}" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
  );
  // Versions are history: they retire, they are never deleted.
  await q.query(`REVOKE DELETE ON "${table}" FROM ${APP_ROLE}`);
}

/**
 * The monitoring lifecycle: rule-set versions (draft → pending approval → published → retired, one published per
 * tenant), the model registry (uploaded → shadow → champion → retired, one champion per tenant) and backtests that
 * replay stored transactions through a draft. Tenant-scoped with row-level security like every other such table.
 */
export class CreateMonitoringRuleSetsAndModels1795459150000 implements MigrationInterface {
  name = 'CreateMonitoringRuleSetsAndModels1795459150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "monitoring_rule_sets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "version" integer NOT NULL, "status" text NOT NULL DEFAULT 'draft', "document" jsonb NOT NULL, "content_hash" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "approval_request_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "published_by" uuid, "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_monitoring_rule_sets_status" CHECK ("status" IN ('draft', 'pending_approval', 'published', 'retired')), CONSTRAINT "PK_monitoring_rule_sets" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "monitoring_rule_sets_tenant_version" ON "monitoring_rule_sets" ("tenant_id", "version") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "monitoring_rule_sets_one_published" ON "monitoring_rule_sets" ("tenant_id") WHERE "status" = 'published'`,
    );
    await protect(q, 'monitoring_rule_sets');

    await q.query(
      `CREATE TABLE "monitoring_models" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "version" integer NOT NULL, "status" text NOT NULL DEFAULT 'uploaded', "bytes" bytea NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "inspection" jsonb NOT NULL, "evaluation" jsonb, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "approval_request_id" uuid, CONSTRAINT "CHK_monitoring_models_status" CHECK ("status" IN ('uploaded', 'shadow', 'champion', 'retired')), CONSTRAINT "CHK_monitoring_models_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "PK_monitoring_models" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "monitoring_models_tenant_name_version" ON "monitoring_models" ("tenant_id", "name", "version") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "monitoring_models_one_champion" ON "monitoring_models" ("tenant_id") WHERE "status" = 'champion'`,
    );
    await protect(q, 'monitoring_models');

    await q.query(
      `CREATE TABLE "monitoring_backtests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "rule_set_id" uuid NOT NULL, "shadow_model_id" uuid, "from_at" TIMESTAMP WITH TIME ZONE NOT NULL, "to_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'queued', "processed" integer NOT NULL DEFAULT '0', "total" integer, "result" jsonb, "error" text, "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_monitoring_backtests_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed')), CONSTRAINT "PK_monitoring_backtests" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "monitoring_backtests_tenant_created" ON "monitoring_backtests" ("tenant_id", "created_at") `,
    );
    await q.query(
      `ALTER TABLE "monitoring_backtests" ADD CONSTRAINT "fk_monitoring_backtests_rule_set" FOREIGN KEY ("rule_set_id") REFERENCES "monitoring_rule_sets"("id")`,
    );
    await protect(q, 'monitoring_backtests');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "monitoring_backtests"`);
    await q.query(`DROP TABLE "monitoring_models"`);
    await q.query(`DROP TABLE "monitoring_rule_sets"`);
  }
}
