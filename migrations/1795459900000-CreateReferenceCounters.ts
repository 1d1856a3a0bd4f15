import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/**
 * One row per tenant and reference series (`ALR` for queue alerts, `CASE-<year>`, `RPT-<year>`) holding the last number
 * given out, so the next reference costs one row update instead of a scan for the greatest reference so far. Seeded
 * from the references that exist. Tenant-scoped with row-level security like every other such table.
 */
export class CreateReferenceCounters1795459900000 implements MigrationInterface {
  name = 'CreateReferenceCounters1795459900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "reference_counters" ("tenant_id" uuid NOT NULL, "series" text NOT NULL, "last" bigint NOT NULL, CONSTRAINT "PK_reference_counters" PRIMARY KEY ("tenant_id", "series"), CONSTRAINT "CHK_reference_counters_last" CHECK ("last" > 0))`,
    );
    await q.query(
      `ALTER TABLE "reference_counters" ADD CONSTRAINT "fk_reference_counters_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    await q.query(
      `INSERT INTO "reference_counters" ("tenant_id", "series", "last")
       SELECT "tenant_id", 'ALR', max(substring("reference" FROM 5)::bigint) FROM "case_alerts"
        WHERE "reference" ~ '^ALR-[0-9]+$' GROUP BY "tenant_id"
       UNION ALL
       SELECT "tenant_id", substring("reference" FROM 1 FOR 9), max(substring("reference" FROM 11)::bigint) FROM "cases"
        WHERE "reference" ~ '^CASE-[0-9]{4}-[0-9]+$' GROUP BY 1, 2
       UNION ALL
       SELECT "tenant_id", substring("reference" FROM 1 FOR 8), max(substring("reference" FROM 10)::bigint) FROM "reports"
        WHERE "reference" ~ '^RPT-[0-9]{4}-[0-9]+$' GROUP BY 1, 2`,
    );
    const rule = 'tenant_id = verity_current_tenant()';
    await q.query(`ALTER TABLE "reference_counters" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "reference_counters" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON "reference_counters" USING (${rule}) WITH CHECK (${rule})`);
    await q.query(
      `CREATE POLICY definer_read ON "reference_counters" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
    );
    await q.query(`REVOKE DELETE ON "reference_counters" FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "reference_counters"`);
  }
}
