import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys of the payment providers' systems: the public prefix and the SHA-256 of the secret only. */
export class CreateIdentityApiKeys1795458690000 implements MigrationInterface {
  name = 'CreateIdentityApiKeys1795458690000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "identity_api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "prefix" text NOT NULL, "secret_hash" bytea NOT NULL, "rate_limit_per_minute" integer NOT NULL DEFAULT '600', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_9b29da73be8f7acf386d37da02f" UNIQUE ("prefix"), CONSTRAINT "PK_cbcf60083b3c113b971fd2ec9f0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "identity_api_keys_tenant" ON "identity_api_keys" ("tenant_id")`);
    await q.query(
      `ALTER TABLE "identity_api_keys" ADD CONSTRAINT "fk_identity_api_keys_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "identity_api_keys"`);
  }
}
