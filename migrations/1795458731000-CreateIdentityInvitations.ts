import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/**
 * Single-use invitations that let a new user set their password; only the SHA-256 of the token is stored.
 * Tenant-scoped with row-level security; a SECURITY DEFINER function finds an invitation's tenant from the token hash
 * before the tenant is known (as `verity_session_tenant` does for sessions).
 */
export class CreateIdentityInvitations1795458731000 implements MigrationInterface {
  name = 'CreateIdentityInvitations1795458731000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "identity_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_efee129d75d4c09f866213f8619" UNIQUE ("token_hash"), CONSTRAINT "PK_9cf35e1ae2beb76c60f559ebe0c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "identity_invitations_user" ON "identity_invitations" ("tenant_id", "user_id") `);
    await q.query(
      `ALTER TABLE "identity_invitations" ADD CONSTRAINT "fk_identity_invitations_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    await q.query(
      `ALTER TABLE "identity_invitations" ADD CONSTRAINT "fk_identity_invitations_user" FOREIGN KEY ("user_id") REFERENCES "identity_users"("id") ON DELETE CASCADE`,
    );
    const rule = 'tenant_id = verity_current_tenant()';
    await q.query(`ALTER TABLE "identity_invitations" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "identity_invitations" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON "identity_invitations" USING (${rule}) WITH CHECK (${rule})`);
    await q.query(
      `CREATE POLICY definer_read ON "identity_invitations" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
    );
    // Invitations are spent or expired, never deleted, by the application.
    await q.query(`REVOKE DELETE ON "identity_invitations" FROM ${APP_ROLE}`);
    await q.query(
      `CREATE FUNCTION verity_invitation_tenant(p_token_hash bytea) RETURNS uuid LANGUAGE sql STABLE
       SECURITY DEFINER SET search_path = public AS $$
         SELECT tenant_id FROM identity_invitations WHERE token_hash = p_token_hash
       $$`,
    );
    await q.query(`REVOKE ALL ON FUNCTION verity_invitation_tenant(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION verity_invitation_tenant(bytea) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION verity_invitation_tenant(bytea)`);
    await q.query(`DROP TABLE "identity_invitations"`);
  }
}
