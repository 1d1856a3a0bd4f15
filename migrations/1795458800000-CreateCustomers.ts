import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

const TABLES = [
  'customers',
  'customer_accounts',
  'customer_related_parties',
  'customer_documents',
  'risk_matrices',
  'customer_reviews',
] as const;

/**
 * The customers domain: profiles, accounts, related parties, documents, versioned risk matrices and periodic-review
 * tasks. Tenant-scoped with row-level security like every other such table. The application deletes only related
 * parties (replaced when a profile lists them anew); everything else is kept for the KYC history.
 */
export class CreateCustomers1795458800000 implements MigrationInterface {
  name = 'CreateCustomers1795458800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "external_ref" text, "type" text NOT NULL, "full_name" text NOT NULL, "native_name" text, "aliases" jsonb NOT NULL, "date_of_birth" date, "nationalities" jsonb NOT NULL, "country" text, "addresses" jsonb NOT NULL, "identifiers" jsonb NOT NULL, "occupation" text, "industry" text, "expected_activity" jsonb, "source_of_funds" text, "product" text, "channel" text, "kyc_status" text NOT NULL DEFAULT 'draft', "kyc_required" boolean NOT NULL DEFAULT false, "is_pep" boolean NOT NULL DEFAULT false, "adverse_media" boolean NOT NULL DEFAULT false, "risk_rating" text NOT NULL DEFAULT 'unrated', "risk_score" integer, "risk_explanation" jsonb, "risk_matrix_version" integer, "rated_at" TIMESTAMP WITH TIME ZONE, "edd_required" boolean NOT NULL DEFAULT false, "edd_checklist" jsonb, "screening_status" text, "screening_best_score" double precision, "screened_at" TIMESTAMP WITH TIME ZONE, "next_review_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_customers_type" CHECK ("type" IN ('individual', 'business')), CONSTRAINT "CHK_customers_kyc_status" CHECK ("kyc_status" IN ('draft', 'screening', 'review', 'approved', 'rejected', 'exited')), CONSTRAINT "CHK_customers_risk_rating" CHECK ("risk_rating" IN ('unrated', 'low', 'medium', 'high')), CONSTRAINT "PK_customers_id" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "customers_tenant_external_ref" ON "customers" ("tenant_id", "external_ref") `);
    await q.query(`CREATE INDEX "customers_tenant_status" ON "customers" ("tenant_id", "kyc_status") `);
    await q.query(`CREATE INDEX "customers_tenant_next_review" ON "customers" ("tenant_id", "next_review_at") `);

    await q.query(
      `CREATE TABLE "customer_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "external_ref" text NOT NULL, "currency" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_customer_accounts_id" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "customer_accounts_tenant_external_ref" ON "customer_accounts" ("tenant_id", "external_ref") `,
    );
    await q.query(
      `CREATE INDEX "customer_accounts_tenant_customer" ON "customer_accounts" ("tenant_id", "customer_id") `,
    );

    await q.query(
      `CREATE TABLE "customer_related_parties" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "role" text NOT NULL, "party_type" text NOT NULL, "full_name" text NOT NULL, "native_name" text, "date_of_birth" date, "nationalities" jsonb NOT NULL, "country" text, "ownership_percent" numeric(5,2), "is_pep" boolean NOT NULL DEFAULT false, "screening_status" text, "screening_best_score" double precision, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_customer_related_parties_party_type" CHECK ("party_type" IN ('individual', 'business')), CONSTRAINT "PK_customer_related_parties_id" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "customer_related_parties_tenant_customer" ON "customer_related_parties" ("tenant_id", "customer_id") `,
    );

    await q.query(
      `CREATE TABLE "customer_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "type" text NOT NULL, "number" text, "issuing_country" text, "expires_on" date, "verification_status" text NOT NULL, "provider" text NOT NULL, "verified_by" uuid, "verified_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_customer_documents_status" CHECK ("verification_status" IN ('pending_review', 'verified', 'rejected')), CONSTRAINT "PK_customer_documents_id" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "customer_documents_tenant_customer" ON "customer_documents" ("tenant_id", "customer_id") `,
    );

    await q.query(
      `CREATE TABLE "risk_matrices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "version" integer NOT NULL, "status" text NOT NULL, "definition" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "activated_at" TIMESTAMP WITH TIME ZONE, "approved_by" uuid, "approval_request_id" uuid, CONSTRAINT "CHK_risk_matrices_status" CHECK ("status" IN ('draft', 'active', 'retired')), CONSTRAINT "PK_risk_matrices_id" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "risk_matrices_tenant_version" ON "risk_matrices" ("tenant_id", "version") `);
    // At most one active and one draft version per tenant.
    await q.query(
      `CREATE UNIQUE INDEX "risk_matrices_one_active" ON "risk_matrices" ("tenant_id") WHERE "status" = 'active'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "risk_matrices_one_draft" ON "risk_matrices" ("tenant_id") WHERE "status" = 'draft'`,
    );

    await q.query(
      `CREATE TABLE "customer_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "reason" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "assignee" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" uuid, "outcome" text, CONSTRAINT "CHK_customer_reviews_status" CHECK ("status" IN ('open', 'done')), CONSTRAINT "PK_customer_reviews_id" PRIMARY KEY ("id"))`,
    );
    // One open review per customer: the scheduling job inserts with ON CONFLICT DO NOTHING, so it is idempotent.
    await q.query(
      `CREATE UNIQUE INDEX "customer_reviews_one_open" ON "customer_reviews" ("tenant_id", "customer_id") WHERE "status" = 'open'`,
    );
    await q.query(
      `CREATE INDEX "customer_reviews_tenant_status_due" ON "customer_reviews" ("tenant_id", "status", "due_at") `,
    );

    for (const table of TABLES) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
      );
    }
    for (const table of TABLES.filter((t) => t !== 'customers' && t !== 'risk_matrices')) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_customer" FOREIGN KEY ("customer_id") REFERENCES "customers"("id")`,
      );
    }

    const rule = 'tenant_id = verity_current_tenant()';
    for (const table of TABLES) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${rule}) WITH CHECK (${rule})`);
      await q.query(
        `CREATE POLICY definer_read ON "${table}" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
      );
      if (table !== 'customer_related_parties') await q.query(`REVOKE DELETE ON "${table}" FROM ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE "${table}"`);
  }
}
