import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users and their server-side sessions (the cookie holds a token, the table its SHA-256). */
export class CreateIdentityUsersAndSessions1795458680955 implements MigrationInterface {
  name = 'CreateIdentityUsersAndSessions1795458680955';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "identity_users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text, "roles" text array NOT NULL DEFAULT '{}', "failed_sign_ins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_29c30278fb40c3c587ce7a28e79" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "identity_users_tenant_email" ON "identity_users" ("tenant_id", "email")`);
    await q.query(
      `ALTER TABLE "identity_users" ADD CONSTRAINT "fk_identity_users_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    await q.query(
      `CREATE TABLE "identity_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "csrf_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "user_agent" text, CONSTRAINT "UQ_d1b5a3cd1d74df64fcbf6d0caca" UNIQUE ("token_hash"), CONSTRAINT "PK_7243e4fb0c4335ce1e037571217" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "identity_sessions_user" ON "identity_sessions" ("user_id")`);
    await q.query(
      `ALTER TABLE "identity_sessions" ADD CONSTRAINT "fk_identity_sessions_user" FOREIGN KEY ("user_id") REFERENCES "identity_users"("id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "identity_sessions" ADD CONSTRAINT "fk_identity_sessions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "identity_sessions"`);
    await q.query(`DROP TABLE "identity_users"`);
  }
}
