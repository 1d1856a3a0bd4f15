import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit ledger's storage: one log per tenant, the entries record() writes, the sequencer's work list, the Merkle
 * tree (leaves and perfect-subtree nodes), signed checkpoints and the keys that sign them, per-subject payload keys and
 * legal holds. Which of
 * these are write-once, and how, is the next migration's concern.
 */
export class CreateAuditLedger1795458681955 implements MigrationInterface {
  name = 'CreateAuditLedger1795458681955';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_logs" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "tenant_id" uuid NOT NULL, "origin" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6f18d459490bb48923b1f40bdb7" UNIQUE ("tenant_id"), CONSTRAINT "UQ_bdd4a759982a71af58c1d737951" UNIQUE ("origin"), CONSTRAINT "PK_1bb179d048bbc581caa3b013439" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `ALTER TABLE "audit_logs" ADD CONSTRAINT "fk_audit_logs_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );

    await q.query(
      `CREATE TABLE "audit_entries" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "log_id" bigint NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_type" text NOT NULL, "actor_id" text NOT NULL, "action" text NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "payload_hash" bytea NOT NULL, "subject_key_id" uuid, "payload_ciphertext" bytea, "payload_salt" bytea, "payload_clear" text, CONSTRAINT "CHK_audit_entries_payload_hash" CHECK (octet_length("payload_hash") = 32), CONSTRAINT "CHK_audit_entries_payload" CHECK (("payload_ciphertext" IS NOT NULL AND "subject_key_id" IS NOT NULL AND "payload_salt" IS NULL AND "payload_clear" IS NULL) OR ("payload_ciphertext" IS NULL AND "subject_key_id" IS NULL AND "payload_salt" IS NOT NULL AND "payload_clear" IS NOT NULL)), CONSTRAINT "CHK_audit_entries_actor_type" CHECK ("actor_type" IN ('user', 'key', 'system')), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_entries_subject" ON "audit_entries" ("log_id", "subject_type", "subject_id")`);
    await q.query(
      `ALTER TABLE "audit_entries" ADD CONSTRAINT "fk_audit_entries_log" FOREIGN KEY ("log_id") REFERENCES "audit_logs"("id")`,
    );

    await q.query(
      `CREATE TABLE "audit_unsequenced_entries" ("entry_id" bigint NOT NULL, "log_id" bigint NOT NULL, CONSTRAINT "PK_b9567b18b5353a899a4216fc99d" PRIMARY KEY ("entry_id"))`,
    );
    await q.query(`CREATE INDEX "audit_unsequenced_entries_log" ON "audit_unsequenced_entries" ("log_id", "entry_id")`);
    await q.query(
      `ALTER TABLE "audit_unsequenced_entries" ADD CONSTRAINT "fk_audit_unsequenced_entries_entry" FOREIGN KEY ("entry_id") REFERENCES "audit_entries"("id")`,
    );

    await q.query(
      `CREATE TABLE "audit_leaves" ("log_id" bigint NOT NULL, "idx" bigint NOT NULL, "entry_id" bigint NOT NULL, "leaf_hash" bytea NOT NULL, CONSTRAINT "UQ_cb7b760d3725d92d1a184f6e286" UNIQUE ("entry_id"), CONSTRAINT "CHK_audit_leaves_hash" CHECK (octet_length("leaf_hash") = 32), CONSTRAINT "PK_f657e04db3d65bf1b21b13945fe" PRIMARY KEY ("log_id", "idx"))`,
    );
    await q.query(
      `ALTER TABLE "audit_leaves" ADD CONSTRAINT "fk_audit_leaves_log" FOREIGN KEY ("log_id") REFERENCES "audit_logs"("id")`,
    );
    await q.query(
      `ALTER TABLE "audit_leaves" ADD CONSTRAINT "fk_audit_leaves_entry" FOREIGN KEY ("entry_id") REFERENCES "audit_entries"("id")`,
    );

    await q.query(
      `CREATE TABLE "audit_nodes" ("log_id" bigint NOT NULL, "level" smallint NOT NULL, "idx" bigint NOT NULL, "hash" bytea NOT NULL, CONSTRAINT "CHK_audit_nodes_hash" CHECK (octet_length("hash") = 32), CONSTRAINT "CHK_audit_nodes_level" CHECK ("level" BETWEEN 1 AND 62), CONSTRAINT "PK_b5a11f9a1cfa8f58d76afff513d" PRIMARY KEY ("log_id", "level", "idx"))`,
    );
    await q.query(
      `ALTER TABLE "audit_nodes" ADD CONSTRAINT "fk_audit_nodes_log" FOREIGN KEY ("log_id") REFERENCES "audit_logs"("id")`,
    );

    await q.query(
      `CREATE TABLE "audit_checkpoints" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "log_id" bigint NOT NULL, "tree_size" bigint NOT NULL, "root_hash" bytea NOT NULL, "note" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_audit_checkpoints_root" CHECK (octet_length("root_hash") = 32), CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_checkpoints_log" ON "audit_checkpoints" ("log_id", "id")`);
    await q.query(
      `ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "fk_audit_checkpoints_log" FOREIGN KEY ("log_id") REFERENCES "audit_logs"("id")`,
    );

    await q.query(
      `CREATE TABLE "audit_verifier_keys" ("verifier_key" text NOT NULL, "key_name" text NOT NULL, "key_id" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6e4bc99c1acd989bdd93cb61b27" PRIMARY KEY ("verifier_key"))`,
    );

    await q.query(
      `CREATE TABLE "audit_subject_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "master_key_id" text NOT NULL, "wrapped_key" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f1326e102754ea9d2bdc75368c0" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "audit_subject_keys_subject" ON "audit_subject_keys" ("tenant_id", "subject_type", "subject_id")`,
    );
    await q.query(
      `ALTER TABLE "audit_subject_keys" ADD CONSTRAINT "fk_audit_subject_keys_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );

    await q.query(
      `CREATE TABLE "audit_legal_holds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "subject_type" text, "subject_id" text, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "released_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_audit_legal_holds_subject" CHECK (("subject_type" IS NULL) = ("subject_id" IS NULL)), CONSTRAINT "PK_6c911470ff369334a0e36877811" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "audit_legal_holds_active" ON "audit_legal_holds" ("tenant_id") WHERE "released_at" IS NULL`,
    );
    await q.query(
      `ALTER TABLE "audit_legal_holds" ADD CONSTRAINT "fk_audit_legal_holds_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_legal_holds"`);
    await q.query(`DROP TABLE "audit_subject_keys"`);
    await q.query(`DROP TABLE "audit_verifier_keys"`);
    await q.query(`DROP TABLE "audit_checkpoints"`);
    await q.query(`DROP TABLE "audit_nodes"`);
    await q.query(`DROP TABLE "audit_leaves"`);
    await q.query(`DROP TABLE "audit_unsequenced_entries"`);
    await q.query(`DROP TABLE "audit_entries"`);
    await q.query(`DROP TABLE "audit_logs"`);
  }
}
