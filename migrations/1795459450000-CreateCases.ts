import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

const TENANT_TABLES = [
  'cases',
  'case_subjects',
  'case_transactions',
  'case_notes',
  'case_attachments',
  'case_events',
] as const;

/**
 * Cases: the investigation aggregate (subjects, transactions, notes, attachments, timeline) and its four-eyes closure
 * with the regulatory clock. Tenant-scoped under row-level security.
 */
export class CreateCases1795459450000 implements MigrationInterface {
  name = 'CreateCases1795459450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "reference" text NOT NULL, "title" text NOT NULL, "description" text, "status" text NOT NULL DEFAULT 'open', "priority" text NOT NULL DEFAULT 'medium', "assignee_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "close_disposition" text, "close_summary" text, "jurisdiction" text, "suspect_identified" boolean, "close_requested_by" uuid, "close_requested_at" TIMESTAMP WITH TIME ZONE, "approval_request_id" uuid, "closed_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "determined_at" TIMESTAMP WITH TIME ZONE, "report_due_at" TIMESTAMP WITH TIME ZONE, "reminder_raised_at" TIMESTAMP WITH TIME ZONE, "overdue_raised_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_cases_close_disposition" CHECK ("close_disposition" IN ('no_report_needed', 'sar_needed')), CONSTRAINT "CHK_cases_priority" CHECK ("priority" IN ('critical', 'high', 'medium', 'low')), CONSTRAINT "CHK_cases_status" CHECK ("status" IN ('open', 'investigating', 'pending_approval', 'closed')), CONSTRAINT "PK_cases" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "cases_tenant_report_due" ON "cases" ("tenant_id", "report_due_at") `);
    await q.query(`CREATE INDEX "cases_tenant_status" ON "cases" ("tenant_id", "status") `);
    await q.query(`CREATE UNIQUE INDEX "cases_tenant_reference" ON "cases" ("tenant_id", "reference") `);
    await q.query(
      `CREATE TABLE "case_subjects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "case_id" uuid NOT NULL, "type" text NOT NULL, "subject_id" text NOT NULL, "label" text NOT NULL, "added_by" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_case_subjects_type" CHECK ("type" IN ('customer', 'account', 'counterparty')), CONSTRAINT "PK_case_subjects" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "case_subjects_tenant_subject" ON "case_subjects" ("tenant_id", "type", "subject_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "case_subjects_case_type_subject" ON "case_subjects" ("case_id", "type", "subject_id") `,
    );
    await q.query(
      `CREATE TABLE "case_transactions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "case_id" uuid NOT NULL, "transaction_id" uuid NOT NULL, "added_by" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_case_transactions" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "case_transactions_tenant_transaction" ON "case_transactions" ("tenant_id", "transaction_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "case_transactions_case_transaction" ON "case_transactions" ("case_id", "transaction_id") `,
    );
    await q.query(
      `CREATE TABLE "case_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "case_id" uuid NOT NULL, "body" text NOT NULL, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_case_notes_body" CHECK (char_length("body") BETWEEN 1 AND 20000), CONSTRAINT "PK_case_notes" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_notes_case_created" ON "case_notes" ("case_id", "created_at") `);
    await q.query(
      `CREATE TABLE "case_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "case_id" uuid NOT NULL, "file_name" text NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "content" bytea NOT NULL, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_case_attachments_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "PK_case_attachments" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_attachments_case_created" ON "case_attachments" ("case_id", "created_at") `);
    await q.query(
      `CREATE TABLE "case_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "case_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor" text NOT NULL, "action" text NOT NULL, "details" jsonb NOT NULL, CONSTRAINT "PK_case_events" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_events_case_at" ON "case_events" ("case_id", "at") `);

    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    for (const table of TENANT_TABLES.slice(1)) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id")`,
      );
    }
    const rule = 'tenant_id = verity_current_tenant()';
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${rule}) WITH CHECK (${rule})`);
    }
    // A case is never deleted; notes, attachments and the timeline are evidence: written once, never changed.
    // (Subjects and transactions may be unlinked: the timeline and the audit ledger keep that they were linked.)
    await q.query(`REVOKE DELETE ON "cases" FROM ${APP_ROLE}`);
    for (const table of ['case_notes', 'case_attachments', 'case_events']) {
      await q.query(`REVOKE UPDATE, DELETE ON "${table}" FROM ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE "${table}"`);
  }
}
