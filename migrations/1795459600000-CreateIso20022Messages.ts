import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/**
 * The ISO 20022 message store: every message received or sent (rejections too, as a record without the body) and the
 * transactions of each with their statuses. Tenant-scoped under row-level security; the application never deletes or
 * rewrites a message (its SHA-256 is in the audit ledger), so DELETE is revoked.
 */
export class CreateIso20022Messages1795459600000 implements MigrationInterface {
  name = 'CreateIso20022Messages1795459600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "iso20022_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "direction" text NOT NULL, "message_type" text NOT NULL, "msg_id" text, "business_message_id" text, "status" text NOT NULL, "reason" text, "sha256" text NOT NULL, "size_bytes" integer NOT NULL, "xml" text, "summary" jsonb NOT NULL DEFAULT '{}', "related_message_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_iso20022_messages_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "CHK_iso20022_messages_status" CHECK ("status" IN ('accepted', 'pending', 'rejected', 'partially_accepted', 'generated')), CONSTRAINT "CHK_iso20022_messages_direction" CHECK ("direction" IN ('in', 'out')), CONSTRAINT "PK_iso20022_messages" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "iso20022_messages_related" ON "iso20022_messages" ("related_message_id") `);
    await q.query(`CREATE INDEX "iso20022_messages_tenant_msg_id" ON "iso20022_messages" ("tenant_id", "msg_id") `);
    await q.query(
      `CREATE INDEX "iso20022_messages_tenant_created" ON "iso20022_messages" ("tenant_id", "created_at") `,
    );
    await q.query(
      `CREATE TABLE "iso20022_message_transactions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT 0, "transaction_id" uuid, "end_to_end_id" text NOT NULL, "instr_id" text, "uetr" text, "tx_id" text, "amount_minor" bigint NOT NULL, "currency" text NOT NULL, "status" text NOT NULL, "reason_code" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_iso20022_message_transactions_status" CHECK ("status" IN ('accepted', 'pending', 'rejected', 'returned')), CONSTRAINT "PK_iso20022_message_transactions" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "iso20022_message_transactions_tenant_transaction" ON "iso20022_message_transactions" ("tenant_id", "transaction_id") `,
    );
    await q.query(
      `CREATE INDEX "iso20022_message_transactions_tenant_e2e" ON "iso20022_message_transactions" ("tenant_id", "end_to_end_id") `,
    );
    await q.query(
      `CREATE INDEX "iso20022_message_transactions_message" ON "iso20022_message_transactions" ("message_id") `,
    );
    await q.query(
      `ALTER TABLE "iso20022_messages" ADD CONSTRAINT "fk_iso20022_messages_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    await q.query(
      `ALTER TABLE "iso20022_messages" ADD CONSTRAINT "fk_iso20022_messages_related" FOREIGN KEY ("related_message_id") REFERENCES "iso20022_messages"("id")`,
    );
    await q.query(
      `ALTER TABLE "iso20022_message_transactions" ADD CONSTRAINT "fk_iso20022_message_transactions_message" FOREIGN KEY ("message_id") REFERENCES "iso20022_messages"("id")`,
    );
    await q.query(
      `ALTER TABLE "iso20022_message_transactions" ADD CONSTRAINT "fk_iso20022_message_transactions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
    const rule = 'tenant_id = verity_current_tenant()';
    for (const table of ['iso20022_messages', 'iso20022_message_transactions']) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${rule}) WITH CHECK (${rule})`);
      await q.query(
        `CREATE POLICY definer_read ON "${table}" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
      );
      await q.query(`REVOKE DELETE ON "${table}" FROM ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "iso20022_message_transactions"`);
    await q.query(`DROP TABLE "iso20022_messages"`);
  }
}
