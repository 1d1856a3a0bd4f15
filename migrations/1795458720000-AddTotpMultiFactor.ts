import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';
const TABLES = ['identity_totp_factors', 'identity_sign_in_challenges'];

/**
 * TOTP multi-factor authentication: each user's authenticator (secrets encrypted by the application), the sign-in
 * challenges of the second step (only the SHA-256 of the token), and per session how it was signed in and whether MFA
 * was satisfied. Both tables are tenant-scoped with row-level security like every other; a SECURITY DEFINER function
 * finds a challenge's tenant before the tenant is known (as `verity_session_tenant` does for sessions).
 */
export class AddTotpMultiFactor1795458720000 implements MigrationInterface {
  name = 'AddTotpMultiFactor1795458720000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "identity_totp_factors" ("user_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "secret_ciphertext" bytea, "enrolled_at" TIMESTAMP WITH TIME ZONE, "pending_secret_ciphertext" bytea, "pending_created_at" TIMESTAMP WITH TIME ZONE, "last_used_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd6e807d9ca78842c359a217d54" PRIMARY KEY ("user_id"))`,
    );
    await q.query(`CREATE INDEX "identity_totp_factors_tenant" ON "identity_totp_factors" ("tenant_id") `);
    await q.query(
      `ALTER TABLE "identity_totp_factors" ADD CONSTRAINT "fk_identity_totp_factors_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    await q.query(
      `ALTER TABLE "identity_totp_factors" ADD CONSTRAINT "fk_identity_totp_factors_user" FOREIGN KEY ("user_id") REFERENCES "identity_users"("id") ON DELETE CASCADE`,
    );

    await q.query(
      `CREATE TABLE "identity_sign_in_challenges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "first_factor" text NOT NULL, "user_agent" text, "failed_attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "consumed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_8ac0097c889ff5f03007ddee4d2" UNIQUE ("token_hash"), CONSTRAINT "PK_8a907798c3d14c881ee03879aec" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "identity_sign_in_challenges_user" ON "identity_sign_in_challenges" ("user_id") `);
    await q.query(
      `ALTER TABLE "identity_sign_in_challenges" ADD CONSTRAINT "fk_identity_sign_in_challenges_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    await q.query(
      `ALTER TABLE "identity_sign_in_challenges" ADD CONSTRAINT "fk_identity_sign_in_challenges_user" FOREIGN KEY ("user_id") REFERENCES "identity_users"("id") ON DELETE CASCADE`,
    );

    await q.query(`ALTER TABLE "identity_sessions" ADD "auth_method" text NOT NULL DEFAULT 'password'`);
    await q.query(`ALTER TABLE "identity_sessions" ADD "mfa_satisfied" boolean NOT NULL DEFAULT false`);

    const rule = 'tenant_id = verity_current_tenant()';
    for (const table of TABLES) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${rule}) WITH CHECK (${rule})`);
      await q.query(
        `CREATE POLICY definer_read ON "${table}" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
      );
    }
    // Factors are never deleted by the application (an admin reset clears the secret), challenges are pruned.
    await q.query(`REVOKE DELETE ON "identity_totp_factors" FROM ${APP_ROLE}`);
    await q.query(
      `CREATE FUNCTION verity_sign_in_challenge_tenant(p_token_hash bytea) RETURNS uuid LANGUAGE sql STABLE
       SECURITY DEFINER SET search_path = public AS $$
         SELECT tenant_id FROM identity_sign_in_challenges WHERE token_hash = p_token_hash
       $$`,
    );
    await q.query(`REVOKE ALL ON FUNCTION verity_sign_in_challenge_tenant(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION verity_sign_in_challenge_tenant(bytea) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION verity_sign_in_challenge_tenant(bytea)`);
    await q.query(`ALTER TABLE "identity_sessions" DROP COLUMN "mfa_satisfied"`);
    await q.query(`ALTER TABLE "identity_sessions" DROP COLUMN "auth_method"`);
    await q.query(`DROP TABLE "identity_sign_in_challenges"`);
    await q.query(`DROP TABLE "identity_totp_factors"`);
  }
}
