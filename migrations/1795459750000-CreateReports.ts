import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/** Each table and what the application must not do to it (the default grants are SELECT, INSERT, UPDATE, DELETE). */
const TABLES: readonly { name: string; revoke: string }[] = [
  { name: 'reporting_institutions', revoke: 'DELETE' },
  { name: 'reports', revoke: 'DELETE' },
  { name: 'report_artifacts', revoke: 'UPDATE, DELETE' },
  { name: 'report_deadline_notices', revoke: 'UPDATE, DELETE' },
];

/**
 * Regulator reports: each tenant's filing institution, the reports (drafts from cases or the CTR scan, approved,
 * filed, acknowledged), their generated files (written once) and the deadline notices sent. Tenant-scoped with
 * row-level security like every other such table.
 */
export class CreateReports1795459750000 implements MigrationInterface {
  name = 'CreateReports1795459750000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "reporting_institutions" ("tenant_id" uuid NOT NULL, "name" text NOT NULL, "goaml_entity_id" text NOT NULL, "tin" text NOT NULL, "tin_type" text NOT NULL, "federal_regulator" text NOT NULL, "institution_type" text NOT NULL, "transmitter_control_code" text, "address" jsonb NOT NULL, "contact" jsonb NOT NULL, "local_currency" text NOT NULL DEFAULT 'USD', "jurisdiction" text NOT NULL DEFAULT 'US', "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_reporting_institutions" PRIMARY KEY ("tenant_id"))`,
    );
    await q.query(
      `CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "reference" text NOT NULL, "kind" text NOT NULL, "formats" text array NOT NULL, "status" text NOT NULL DEFAULT 'draft', "case_id" uuid, "amends_report_id" uuid, "amendment_kind" text, "ctr_key" text, "document" jsonb NOT NULL, "narrative" text NOT NULL DEFAULT '', "due_at" TIMESTAMP WITH TIME ZONE, "determined_at" TIMESTAMP WITH TIME ZONE, "approval_request_id" uuid, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "approved_at" TIMESTAMP WITH TIME ZONE, "filed_reference" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "rejection_reason" text, CONSTRAINT "CHK_reports_kind" CHECK ("kind" IN ('STR', 'SAR', 'CTR')), CONSTRAINT "CHK_reports_status" CHECK ("status" IN ('draft', 'pending_approval', 'approved', 'submitted', 'acknowledged', 'rejected')), CONSTRAINT "CHK_reports_amendment_kind" CHECK ("amendment_kind" IS NULL OR "amendment_kind" IN ('correction', 'amendment')), CONSTRAINT "PK_reports" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "reports_tenant_reference" ON "reports" ("tenant_id", "reference") `);
    await q.query(`CREATE INDEX "reports_tenant_created" ON "reports" ("tenant_id", "created_at") `);
    await q.query(`CREATE INDEX "reports_tenant_case" ON "reports" ("tenant_id", "case_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "reports_tenant_ctr_key" ON "reports" ("tenant_id", "ctr_key") WHERE "ctr_key" IS NOT NULL`,
    );
    await q.query(
      `CREATE TABLE "report_artifacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "report_id" uuid NOT NULL, "format" text NOT NULL, "file_name" text NOT NULL, "media_type" text NOT NULL, "sha256" text NOT NULL, "bytes" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_report_artifacts" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "report_artifacts_report_format" ON "report_artifacts" ("report_id", "format") `,
    );
    await q.query(
      `CREATE TABLE "report_deadline_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_report_deadline_notices_kind" CHECK ("kind" IN ('reminder', 'overdue', 'continuing_activity_due')), CONSTRAINT "PK_report_deadline_notices" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "report_deadline_notices_once" ON "report_deadline_notices" ("tenant_id", "case_id", "kind", "due_at") `,
    );

    const foreignKeys: readonly [table: string, name: string, column: string, target: string][] = [
      ['reporting_institutions', 'fk_reporting_institutions_tenant', 'tenant_id', 'tenants'],
      ['reports', 'fk_reports_tenant', 'tenant_id', 'tenants'],
      ['reports', 'fk_reports_amends_report', 'amends_report_id', 'reports'],
      ['report_artifacts', 'fk_report_artifacts_tenant', 'tenant_id', 'tenants'],
      ['report_artifacts', 'fk_report_artifacts_report', 'report_id', 'reports'],
      ['report_deadline_notices', 'fk_report_deadline_notices_tenant', 'tenant_id', 'tenants'],
    ];
    for (const [table, name, column, target] of foreignKeys) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id")`,
      );
    }

    const rule = 'tenant_id = verity_current_tenant()';
    for (const { name, revoke } of TABLES) {
      await q.query(`ALTER TABLE "${name}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${name}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${name}" USING (${rule}) WITH CHECK (${rule})`);
      await q.query(
        `CREATE POLICY definer_read ON "${name}" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
      );
      await q.query(`REVOKE ${revoke} ON "${name}" FROM ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { name } of [...TABLES].reverse()) await q.query(`DROP TABLE "${name}"`);
  }
}
