import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/**
 * The real-time decision path of monitoring: transactions with their decisions (written once, never changed), the
 * Idempotency-Key store, and the alerts raised for review and block. Tenant-scoped with forced row-level security.
 */
export class CreateMonitoringTransactions1795459100000 implements MigrationInterface {
  name = 'CreateMonitoringTransactions1795459100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "monitoring_transactions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "external_id" text NOT NULL, "customer_id" text NOT NULL, "account_id" text NOT NULL, "customer_record_id" text NOT NULL, "direction" text NOT NULL, "channel" text NOT NULL, "amount_minor" bigint NOT NULL, "currency" text NOT NULL, "amount_base" numeric NOT NULL, "booked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "counterparty" jsonb NOT NULL, "counterparty_key" text NOT NULL, "metadata" jsonb NOT NULL, "features" jsonb NOT NULL, "decision" text NOT NULL, "score" double precision NOT NULL, "model_score" double precision NOT NULL, "reasons" jsonb NOT NULL, "fired_rules" jsonb NOT NULL, "contributions" jsonb NOT NULL, "rule_set_version_id" uuid, "rule_set_version" integer, "model_version_id" uuid, "model_version" text, "shadow_scores" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_monitoring_transactions_decision" CHECK ("decision" IN ('allow', 'review', 'block')), CONSTRAINT "CHK_monitoring_transactions_direction" CHECK ("direction" IN ('in', 'out')), CONSTRAINT "PK_517042a25a83232a3fdeadde34e" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "monitoring_transactions_external_id" ON "monitoring_transactions" ("tenant_id", "external_id") `,
    );
    // The feature query reads a customer's (and an account's) windows by booked_at, and its counterparty history.
    await q.query(
      `CREATE INDEX "monitoring_transactions_customer_booked" ON "monitoring_transactions" ("tenant_id", "customer_id", "booked_at") `,
    );
    await q.query(
      `CREATE INDEX "monitoring_transactions_account_booked" ON "monitoring_transactions" ("tenant_id", "account_id", "booked_at") `,
    );
    await q.query(
      `CREATE INDEX "monitoring_transactions_customer_counterparty" ON "monitoring_transactions" ("tenant_id", "customer_id", "counterparty_key") `,
    );
    await q.query(
      `CREATE INDEX "monitoring_transactions_tenant_created" ON "monitoring_transactions" ("tenant_id", "created_at") `,
    );

    await q.query(
      `CREATE TABLE "monitoring_idempotency_keys" ("tenant_id" uuid NOT NULL, "key" text NOT NULL, "scope" text NOT NULL, "request_hash" text NOT NULL, "state" text NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_monitoring_idempotency_keys_state" CHECK ("state" IN ('in_progress', 'completed')), CONSTRAINT "PK_1fad81a0216eebdfb5efb4db419" PRIMARY KEY ("tenant_id", "key"))`,
    );
    await q.query(
      `CREATE INDEX "monitoring_idempotency_keys_expires" ON "monitoring_idempotency_keys" ("expires_at") `,
    );

    await q.query(
      `CREATE TABLE "monitoring_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "transaction_id" uuid NOT NULL, "decision" text NOT NULL, "score" double precision NOT NULL, "reasons" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'open', "disposition" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_monitoring_alerts_decision" CHECK ("decision" IN ('review', 'block')), CONSTRAINT "CHK_monitoring_alerts_status" CHECK ("status" IN ('open', 'closed')), CONSTRAINT "CHK_monitoring_alerts_disposition" CHECK ("disposition" IS NULL OR "disposition" IN ('true_positive', 'false_positive')), CONSTRAINT "PK_94a1b64590f0e521e88f13a4a19" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "monitoring_alerts_tenant_status_created" ON "monitoring_alerts" ("tenant_id", "status", "created_at") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "monitoring_alerts_transaction" ON "monitoring_alerts" ("tenant_id", "transaction_id") `,
    );

    for (const table of ['monitoring_transactions', 'monitoring_idempotency_keys', 'monitoring_alerts']) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
      );
    }
    await q.query(
      `ALTER TABLE "monitoring_alerts" ADD CONSTRAINT "fk_monitoring_alerts_transaction" FOREIGN KEY ("transaction_id") REFERENCES "monitoring_transactions"("id")`,
    );

    const rule = 'tenant_id = verity_current_tenant()';
    for (const table of ['monitoring_transactions', 'monitoring_idempotency_keys', 'monitoring_alerts']) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${rule}) WITH CHECK (${rule})`);
      await q.query(
        `CREATE POLICY definer_read ON "${table}" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
      );
    }
    // A decision is a record: written once, never changed or removed by the application.
    await q.query(`REVOKE UPDATE, DELETE ON "monitoring_transactions" FROM ${APP_ROLE}`);
    // Keys are written once with their response; only the cleanup job deletes expired ones.
    await q.query(`REVOKE UPDATE ON "monitoring_idempotency_keys" FROM ${APP_ROLE}`);
    // Alerts are closed with a disposition (cases), never deleted.
    await q.query(`REVOKE DELETE ON "monitoring_alerts" FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "monitoring_alerts"`);
    await q.query(`DROP TABLE "monitoring_idempotency_keys"`);
    await q.query(`DROP TABLE "monitoring_transactions"`);
  }
}
