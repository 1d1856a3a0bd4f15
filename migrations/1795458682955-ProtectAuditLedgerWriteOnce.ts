import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The record tables: nothing written to them is ever changed or removed. */
const WRITE_ONCE_TABLES = [
  'audit_logs',
  'audit_entries',
  'audit_leaves',
  'audit_nodes',
  'audit_checkpoints',
  'audit_verifier_keys',
];
/**
 * Tables with one legitimate DELETE each (the sequencer's work list; a subject key at erasure) but no UPDATE, and no
 * TRUNCATE, which would silently drop entries from the tree or erase every subject at once.
 */
const DELETE_ONLY_TABLES = ['audit_unsequenced_entries', 'audit_subject_keys'];

/**
 * Write-once audit storage, enforced by the database for every role, superusers included: statement-level triggers
 * reject UPDATE, DELETE and TRUNCATE (statement level, so even a change that matches no row is refused, and TRUNCATE,
 * which row triggers never see, is covered).
 *
 * Maintenance, the only exception (documented in libs/domains/audit/README.md): a superuser, in one transaction,
 * first calls `SELECT audit_begin_maintenance('<tenant uuid>', '<reason, 10+ characters>')`, which records an
 * `audit.maintenance.began` entry in that tenant's log (actor: the database role) and sets
 * `verity.audit_maintenance` for the rest of the transaction; then makes the change; then commits. The triggers let a
 * change through only with that setting and a superuser, so the change and the entry that discloses it commit
 * together. A superuser can still bypass triggers by other means (session_replication_role, disabling triggers);
 * that is why the tree and signed checkpoints exist: such a change is detected, not prevented.
 */
export class ProtectAuditLedgerWriteOnce1795458682955 implements MigrationInterface {
  name = 'ProtectAuditLedgerWriteOnce1795458682955';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('verity.audit_maintenance', true) = 'on'
           AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit table % is write-once: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'Audit storage is append-only; see "Maintenance" in libs/domains/audit/README.md.';
      END $$`);
    for (const table of WRITE_ONCE_TABLES) {
      await q.query(
        `CREATE TRIGGER "${table}_write_once" BEFORE UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()`,
      );
    }
    for (const table of DELETE_ONLY_TABLES) {
      await q.query(
        `CREATE TRIGGER "${table}_no_rewrite" BEFORE UPDATE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()`,
      );
    }
    // The payload is stored in clear, as canonical JSON built here: to_json() escapes a string exactly as RFC 8785
    // does, and the two members are written in canonical order. The salt only keeps the leaf format uniform.
    await q.query(`
      CREATE FUNCTION audit_begin_maintenance(p_tenant_id uuid, p_reason text) RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE
        v_log_id bigint;
        v_salt bytea;
        v_payload text;
        v_entry_id bigint;
      BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          RAISE EXCEPTION 'audit maintenance needs a superuser' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF p_reason IS NULL OR length(btrim(p_reason)) < 10 THEN
          RAISE EXCEPTION 'state the reason for the maintenance (at least 10 characters)';
        END IF;
        SELECT id INTO v_log_id FROM audit_logs WHERE tenant_id = p_tenant_id;
        IF v_log_id IS NULL THEN
          RAISE EXCEPTION 'tenant % has no audit log', p_tenant_id;
        END IF;
        v_salt := decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');
        v_payload := '{"reason":' || to_json(btrim(p_reason))::text || ',"role":' || to_json(current_user::text)::text || '}';
        INSERT INTO audit_entries
          (log_id, actor_type, actor_id, action, subject_type, subject_id, payload_hash, payload_salt, payload_clear)
        VALUES
          (v_log_id, 'system', 'database:' || session_user, 'audit.maintenance.began', 'tenant', p_tenant_id::text,
           sha256(v_salt || convert_to(v_payload, 'UTF8')), v_salt, v_payload)
        RETURNING id INTO v_entry_id;
        INSERT INTO audit_unsequenced_entries (entry_id, log_id) VALUES (v_entry_id, v_log_id);
        PERFORM set_config('verity.audit_maintenance', 'on', true);
        RETURN v_entry_id;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_begin_maintenance(uuid, text)`);
    for (const table of [...DELETE_ONLY_TABLES].reverse()) {
      await q.query(`DROP TRIGGER "${table}_no_rewrite" ON "${table}"`);
    }
    for (const table of [...WRITE_ONCE_TABLES].reverse()) {
      await q.query(`DROP TRIGGER "${table}_write_once" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION audit_reject_change()`);
  }
}
