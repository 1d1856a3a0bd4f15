import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/** Each table and what the application must not do to it (the default grants are SELECT, INSERT, UPDATE, DELETE). */
const TABLES: readonly { name: string; revoke: string }[] = [
  { name: 'screening_lists', revoke: 'DELETE' },
  { name: 'screening_list_versions', revoke: 'DELETE' },
  { name: 'screening_list_entries', revoke: 'UPDATE, DELETE' },
  { name: 'screening_list_deltas', revoke: 'UPDATE, DELETE' },
  { name: 'screening_subjects', revoke: 'DELETE' },
  { name: 'screening_hits', revoke: 'DELETE' },
];

/**
 * The screening domain: lists and their versions (entries as parsed, deltas between versions), screened subjects'
 * snapshots, and hits with their adjudication. Tenant-scoped with row-level security like every other such table.
 */
export class CreateScreening1795459000000 implements MigrationInterface {
  name = 'CreateScreening1795459000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "screening_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "source" text NOT NULL, "name" text NOT NULL, "active_version_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_screening_lists_source" CHECK ("source" IN ('ofac_sdn', 'un_consolidated', 'internal_watchlist', 'pep')), CONSTRAINT "PK_screening_lists" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "screening_lists_tenant_source" ON "screening_lists" ("tenant_id", "source") `);

    await q.query(
      `CREATE TABLE "screening_list_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "list_id" uuid NOT NULL, "number" integer NOT NULL, "status" text NOT NULL DEFAULT 'importing', "progress" integer NOT NULL DEFAULT '0', "stage" text NOT NULL DEFAULT 'queued', "format" text, "file_hashes" jsonb NOT NULL, "files" jsonb, "entry_count" integer, "added_count" integer, "removed_count" integer, "changed_count" integer, "error" text, "previous_version_id" uuid, "requested_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "rescreen_status" text, "rescreen_progress" integer, CONSTRAINT "CHK_screening_list_versions_status" CHECK ("status" IN ('importing', 'active', 'failed', 'superseded')), CONSTRAINT "PK_screening_list_versions" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "screening_list_versions_list_number" ON "screening_list_versions" ("list_id", "number") `,
    );
    await q.query(
      `CREATE INDEX "screening_list_versions_tenant" ON "screening_list_versions" ("tenant_id", "created_at") `,
    );

    await q.query(
      `CREATE TABLE "screening_list_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "version_id" uuid NOT NULL, "external_id" text NOT NULL, "name" text NOT NULL, "record" jsonb NOT NULL, "content_hash" text NOT NULL, CONSTRAINT "PK_screening_list_entries" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "screening_list_entries_version_external" ON "screening_list_entries" ("version_id", "external_id") `,
    );

    await q.query(
      `CREATE TABLE "screening_list_deltas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "version_id" uuid NOT NULL, "change" text NOT NULL, "external_id" text NOT NULL, "name" text NOT NULL, "previous_hash" text, "content_hash" text, CONSTRAINT "CHK_screening_list_deltas_change" CHECK ("change" IN ('added', 'removed', 'changed')), CONSTRAINT "PK_screening_list_deltas" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "screening_list_deltas_version" ON "screening_list_deltas" ("version_id", "change", "external_id") `,
    );

    await q.query(
      `CREATE TABLE "screening_subjects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "kind" text NOT NULL, "subject_id" text NOT NULL, "customer_id" text, "snapshot" jsonb NOT NULL, "snapshot_hash" text NOT NULL, "last_screened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_screening_subjects_kind" CHECK ("kind" IN ('customer', 'related_party', 'counterparty')), CONSTRAINT "PK_screening_subjects" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "screening_subjects_tenant_kind_subject" ON "screening_subjects" ("tenant_id", "kind", "subject_id") `,
    );
    await q.query(
      `CREATE INDEX "screening_subjects_tenant_screened" ON "screening_subjects" ("tenant_id", "last_screened_at") `,
    );

    await q.query(
      `CREATE TABLE "screening_hits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "subject_ref" uuid NOT NULL, "subject_kind" text NOT NULL, "subject_id" text NOT NULL, "customer_id" text, "subject_hash" text NOT NULL, "list_id" uuid NOT NULL, "list_source" text NOT NULL, "version_id" uuid NOT NULL, "entry_external_id" text NOT NULL, "entry_name" text NOT NULL, "entry_hash" text NOT NULL, "matched_name" text NOT NULL, "score" double precision NOT NULL, "explanation" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'open', "adjudication_reason" text, "adjudicated_by" text, "adjudicated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_screening_hits_status" CHECK ("status" IN ('open', 'true_match', 'false_positive')), CONSTRAINT "PK_screening_hits" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "screening_hits_tenant_status" ON "screening_hits" ("tenant_id", "status", "created_at") `,
    );
    await q.query(
      `CREATE INDEX "screening_hits_subject_entry" ON "screening_hits" ("tenant_id", "subject_ref", "list_id", "entry_external_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "screening_hits_one_open" ON "screening_hits" ("tenant_id", "subject_ref", "list_id", "entry_external_id") WHERE "status" = 'open'`,
    );

    await q.query(
      `ALTER TABLE "screening_list_versions" ADD CONSTRAINT "fk_screening_list_versions_list" FOREIGN KEY ("list_id") REFERENCES "screening_lists"("id")`,
    );
    await q.query(
      `ALTER TABLE "screening_list_entries" ADD CONSTRAINT "fk_screening_list_entries_version" FOREIGN KEY ("version_id") REFERENCES "screening_list_versions"("id")`,
    );
    await q.query(
      `ALTER TABLE "screening_list_deltas" ADD CONSTRAINT "fk_screening_list_deltas_version" FOREIGN KEY ("version_id") REFERENCES "screening_list_versions"("id")`,
    );
    await q.query(
      `ALTER TABLE "screening_hits" ADD CONSTRAINT "fk_screening_hits_subject" FOREIGN KEY ("subject_ref") REFERENCES "screening_subjects"("id")`,
    );
    const rule = 'tenant_id = verity_current_tenant()';
    for (const { name, revoke } of TABLES) {
      await q.query(
        `ALTER TABLE "${name}" ADD CONSTRAINT "fk_${name}_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
      );
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
