import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/**
 * Four-eyes approval requests: what is to be approved, bound to the SHA-256 of its canonical JSON. Tenant-scoped with
 * row-level security like every other such table; the application never deletes a request (a decision is final).
 */
export class CreateApprovalRequests1795458730000 implements MigrationInterface {
  name = 'CreateApprovalRequests1795458730000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "approval_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "kind" text NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "content" jsonb NOT NULL, "content_hash" text NOT NULL, "requested_by" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "required_permission" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_approval_requests_status" CHECK ("status" IN ('pending', 'approved', 'rejected', 'withdrawn', 'void')), CONSTRAINT "CHK_approval_requests_content_hash" CHECK ("content_hash" ~ '^[0-9a-f]{64}$'), CONSTRAINT "PK_484806bb8ff331b851fc75973c0" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "approval_requests_tenant_requested" ON "approval_requests" ("tenant_id", "requested_at") `,
    );
    // One pending request per kind and subject: a new request voids the pending one in the same transaction.
    await q.query(
      `CREATE UNIQUE INDEX "approval_requests_one_pending" ON "approval_requests" ("tenant_id", "kind", "subject_type", "subject_id") WHERE "status" = 'pending'`,
    );
    await q.query(
      `ALTER TABLE "approval_requests" ADD CONSTRAINT "fk_approval_requests_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    const rule = 'tenant_id = verity_current_tenant()';
    await q.query(`ALTER TABLE "approval_requests" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "approval_requests" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON "approval_requests" USING (${rule}) WITH CHECK (${rule})`);
    await q.query(
      `CREATE POLICY definer_read ON "approval_requests" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
    );
    await q.query(`REVOKE DELETE ON "approval_requests" FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "approval_requests"`);
  }
}
