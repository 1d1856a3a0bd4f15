import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/** Each table and what the application must not do to it (the default grants are SELECT, INSERT, UPDATE, DELETE). */
const TABLES: readonly { name: string; revoke: string }[] = [
  { name: 'webhook_endpoints', revoke: 'DELETE' },
  { name: 'webhook_messages', revoke: 'UPDATE, DELETE' },
  { name: 'webhook_deliveries', revoke: 'DELETE' },
  { name: 'webhook_delivery_attempts', revoke: 'UPDATE, DELETE' },
];

/**
 * Signed webhooks: tenants' endpoints (with their signing secrets), the messages published to them, one delivery per
 * message and endpoint, and every HTTP attempt of a delivery. Tenant-scoped with row-level security like every other
 * such table; messages and attempts are written once.
 */
export class CreateWebhooks1795459200000 implements MigrationInterface {
  name = 'CreateWebhooks1795459200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "url" text NOT NULL, "description" text NOT NULL DEFAULT '', "event_types" text array NOT NULL DEFAULT '{}', "status" text NOT NULL DEFAULT 'active', "secret" text NOT NULL, "previous_secret" text, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_webhook_endpoints_status" CHECK ("status" IN ('active', 'disabled')), CONSTRAINT "PK_webhook_endpoints" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "webhook_endpoints_tenant_created" ON "webhook_endpoints" ("tenant_id", "created_at") `,
    );

    await q.query(
      `CREATE TABLE "webhook_messages" ("id" text NOT NULL, "tenant_id" uuid NOT NULL, "type" text NOT NULL, "payload" jsonb NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_webhook_messages" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "webhook_messages_tenant_timestamp" ON "webhook_messages" ("tenant_id", "timestamp") `);

    await q.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "message_id" text NOT NULL, "endpoint_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempt_count" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_webhook_deliveries_status" CHECK ("status" IN ('pending', 'delivered', 'failed')), CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "webhook_deliveries_tenant_endpoint_created" ON "webhook_deliveries" ("tenant_id", "endpoint_id", "created_at") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "webhook_deliveries_message_endpoint" ON "webhook_deliveries" ("message_id", "endpoint_id") `,
    );

    await q.query(
      `CREATE TABLE "webhook_delivery_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status_code" integer, "error" text, "duration_ms" integer NOT NULL, CONSTRAINT "PK_webhook_delivery_attempts" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "webhook_delivery_attempts_delivery_attempt" ON "webhook_delivery_attempts" ("delivery_id", "attempt") `,
    );

    const foreignKeys: readonly [table: string, name: string, column: string, target: string][] = [
      ['webhook_endpoints', 'fk_webhook_endpoints_tenant', 'tenant_id', 'tenants'],
      ['webhook_messages', 'fk_webhook_messages_tenant', 'tenant_id', 'tenants'],
      ['webhook_deliveries', 'fk_webhook_deliveries_tenant', 'tenant_id', 'tenants'],
      ['webhook_deliveries', 'fk_webhook_deliveries_message', 'message_id', 'webhook_messages'],
      ['webhook_deliveries', 'fk_webhook_deliveries_endpoint', 'endpoint_id', 'webhook_endpoints'],
      ['webhook_delivery_attempts', 'fk_webhook_delivery_attempts_tenant', 'tenant_id', 'tenants'],
      ['webhook_delivery_attempts', 'fk_webhook_delivery_attempts_delivery', 'delivery_id', 'webhook_deliveries'],
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
