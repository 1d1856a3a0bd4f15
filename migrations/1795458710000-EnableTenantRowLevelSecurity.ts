import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the api and worker act as (DATABASE_APP_ROLE): owns nothing, bound by every policy below. */
const APP_ROLE = 'verity_app';

/** Tables with a `tenant_id` column: each row belongs to one tenant. */
const TENANT_TABLES = [
  'identity_users',
  'identity_sessions',
  'identity_api_keys',
  'audit_logs',
  'audit_subject_keys',
  'audit_legal_holds',
];

/** Audit tables keyed by `log_id`: a row belongs to the tenant of its log (one log per tenant). */
const LOG_TABLES = [
  'audit_entries',
  'audit_unsequenced_entries',
  'audit_leaves',
  'audit_nodes',
  'audit_checkpoints',
  'audit_anchor_receipts',
  'audit_publication_failures',
];

/**
 * What the application does with each table, and nothing more. Audit record tables are INSERT + SELECT only (the
 * write-once triggers would refuse the rest anyway; without the privilege the app cannot even try); the sequencer's
 * work list and subject keys also lose rows (sequenced; erased), legal holds and failure counters are updated.
 */
const APP_PRIVILEGES: Record<string, string> = {
  typeorm_migrations: 'SELECT',
  tenants: 'SELECT, INSERT',
  outbox_jobs: 'SELECT, INSERT, UPDATE, DELETE',
  identity_users: 'SELECT, INSERT, UPDATE',
  identity_sessions: 'SELECT, INSERT, UPDATE, DELETE',
  identity_api_keys: 'SELECT, INSERT, UPDATE',
  audit_logs: 'SELECT, INSERT',
  audit_entries: 'SELECT, INSERT',
  audit_unsequenced_entries: 'SELECT, INSERT, DELETE',
  audit_leaves: 'SELECT, INSERT',
  audit_nodes: 'SELECT, INSERT',
  audit_checkpoints: 'SELECT, INSERT',
  audit_verifier_keys: 'SELECT, INSERT',
  audit_anchor_receipts: 'SELECT, INSERT',
  audit_subject_keys: 'SELECT, INSERT, DELETE',
  audit_legal_holds: 'SELECT, INSERT, UPDATE',
  audit_publication_failures: 'SELECT, INSERT, UPDATE',
};

const LOG_OF_TENANT = '(SELECT l.id FROM audit_logs l WHERE l.tenant_id = verity_current_tenant())';

/**
 * The lookups that must happen before the tenant is known, and the worker's views across every log. SECURITY DEFINER:
 * they run as the owner of the tables (the role that ran this migration) and return only what the caller needs — a
 * tenant id, log ids, counters and ages; the real reads then happen inside the tenant's own transaction.
 */
const DEFINER_FUNCTIONS: { signature: string; returns: string; body: string }[] = [
  {
    signature: 'verity_session_tenant(p_token_hash bytea)',
    returns: 'uuid',
    body: 'SELECT tenant_id FROM identity_sessions WHERE token_hash = p_token_hash',
  },
  {
    signature: 'verity_api_key_tenant(p_prefix text)',
    returns: 'uuid',
    body: 'SELECT tenant_id FROM identity_api_keys WHERE prefix = p_prefix',
  },
  {
    signature: 'verity_audit_logs()',
    returns: 'TABLE (id bigint, tenant_id uuid, origin text)',
    body: 'SELECT l.id, l.tenant_id, l.origin FROM audit_logs l ORDER BY l.id',
  },
  {
    signature: 'verity_audit_logs_needing_work()',
    returns: 'TABLE (id bigint, tenant_id uuid, origin text)',
    body: `SELECT l.id, l.tenant_id, l.origin FROM audit_logs l
            WHERE EXISTS (SELECT 1 FROM audit_unsequenced_entries u WHERE u.log_id = l.id)
               OR coalesce((SELECT x.idx + 1 FROM audit_leaves x WHERE x.log_id = l.id ORDER BY x.idx DESC LIMIT 1), 0)
                > coalesce((SELECT c.tree_size FROM audit_checkpoints c WHERE c.log_id = l.id ORDER BY c.id DESC LIMIT 1), 0)
            ORDER BY l.id`,
  },
  {
    signature: 'verity_audit_backlog_heads()',
    returns:
      'TABLE (id bigint, size bigint, covered bigint, checkpoint_id bigint, has_pending boolean, uncovered_leaf_age float8)',
    body: `SELECT h.id, h.size, h.covered, h.checkpoint_id, h.has_pending,
                  (SELECT EXTRACT(EPOCH FROM now() - e.recorded_at)::float8
                     FROM audit_leaves x JOIN audit_entries e ON e.id = x.entry_id
                    WHERE x.log_id = h.id AND x.idx = h.covered) AS uncovered_leaf_age
             FROM (SELECT l.id,
                          coalesce((SELECT x.idx + 1 FROM audit_leaves x WHERE x.log_id = l.id ORDER BY x.idx DESC LIMIT 1), 0)::bigint AS size,
                          coalesce(c.tree_size, 0)::bigint AS covered,
                          c.id AS checkpoint_id,
                          EXISTS (SELECT 1 FROM audit_unsequenced_entries u WHERE u.log_id = l.id) AS has_pending
                     FROM audit_logs l
                     LEFT JOIN LATERAL (SELECT id, tree_size FROM audit_checkpoints c WHERE c.log_id = l.id
                                         ORDER BY c.id DESC LIMIT 1) c ON true) h`,
  },
  {
    signature: 'verity_audit_backlog_totals()',
    returns: 'TABLE (pending bigint, oldest_pending float8, newest_checkpoint float8)',
    body: `SELECT (SELECT count(*) FROM audit_unsequenced_entries),
                  (SELECT EXTRACT(EPOCH FROM now() - e.recorded_at)::float8
                     FROM audit_unsequenced_entries u JOIN audit_entries e ON e.id = u.entry_id
                    ORDER BY u.entry_id LIMIT 1),
                  EXTRACT(EPOCH FROM now() - (SELECT max(created_at) FROM audit_checkpoints))::float8`,
  },
  {
    signature: 'verity_audit_checkpoints_to_anchor(p_kinds text[])',
    returns: 'TABLE (log_id bigint, tenant_id uuid, origin text, tree_size bigint, note text, anchored text[])',
    body: `SELECT l.id, l.tenant_id, l.origin, c.tree_size, c.note,
                  coalesce(array(SELECT r.kind FROM audit_anchor_receipts r
                                  WHERE r.log_id = l.id AND r.tree_size = c.tree_size ORDER BY r.kind), '{}')
             FROM audit_logs l
             JOIN LATERAL (SELECT tree_size, note FROM audit_checkpoints c WHERE c.log_id = l.id
                            ORDER BY c.id DESC LIMIT 1) c ON true
            WHERE EXISTS (SELECT 1 FROM unnest(p_kinds) AS k(kind)
                           WHERE NOT EXISTS (SELECT 1 FROM audit_anchor_receipts r
                                              WHERE r.log_id = l.id AND r.tree_size = c.tree_size AND r.kind = k.kind))
            ORDER BY l.id`,
  },
  {
    signature: 'verity_audit_publication_failure_totals()',
    returns: 'TABLE (stage text, kind text, failures numeric)',
    body: `SELECT stage, kind, sum(failures_total) FROM audit_publication_failures
            GROUP BY stage, kind ORDER BY stage, kind`,
  },
  {
    signature: 'verity_audit_publication_failures_longer_than(p_seconds float8)',
    returns: 'TABLE (log_id bigint, origin text, stage text, kind text, last_error text, failing_seconds float8)',
    body: `SELECT f.log_id, l.origin, f.stage, f.kind, f.last_error,
                  EXTRACT(EPOCH FROM now() - f.failing_since)::float8
             FROM audit_publication_failures f JOIN audit_logs l ON l.id = f.log_id
            WHERE f.failing_since < now() - make_interval(secs => p_seconds)
            ORDER BY f.failing_since, f.log_id`,
  },
];

/**
 * Tenant isolation enforced by PostgreSQL. The application acts as `verity_app` (NOLOGIN, no BYPASSRLS, owns no
 * table; DATABASE_URL's user switches to it at connect) and sets `verity.tenant_id` as the first statement of every
 * transaction. Every tenant-scoped table has row-level security ENABLEd and FORCEd (so the owner is bound too) with one
 * policy, `tenant_isolation`: a row is visible and writable only when it belongs to that tenant. A query that forgets
 * its tenant filter therefore still sees only the current tenant's rows, and none when no tenant is set.
 *
 * The second policy, `definer_read` (SELECT, for the owning role only, and only while `session_user` differs — that
 * is, inside a SECURITY DEFINER function called by another login), lets the lookup functions above read across
 * tenants when the owner is not a superuser; a direct connection as the owner still sees nothing.
 */
export class EnableTenantRowLevelSecurity1795458710000 implements MigrationInterface {
  name = 'EnableTenantRowLevelSecurity1795458710000';

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the cluster, not the database: another database (a parallel test run) may create it meanwhile.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    for (const [table, privileges] of Object.entries(APP_PRIVILEGES)) {
      await q.query(`GRANT ${privileges} ON "${table}" TO ${APP_ROLE}`);
    }
    await q.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    // Tables of later migrations are usable by the app at once; each such migration revokes what the app must not do
    // and adds its row-level security (tenant-isolation.int-spec.ts fails for a tenant-scoped table without it).
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${APP_ROLE}`);

    await q.query(`
      CREATE FUNCTION verity_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$
        SELECT NULLIF(current_setting('verity.tenant_id', true), '')::uuid
      $$`);
    for (const table of [...TENANT_TABLES, ...LOG_TABLES]) {
      const rule = TENANT_TABLES.includes(table) ? 'tenant_id = verity_current_tenant()' : `log_id = ${LOG_OF_TENANT}`;
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${rule}) WITH CHECK (${rule})`);
      await q.query(
        `CREATE POLICY definer_read ON "${table}" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
      );
    }

    // A log's id, tenant and origin are not secret (the origin is published in every checkpoint), and record() caches
    // them outside the caller's transaction: every tenant may read every log row; writes stay with the tenant.
    await q.query(`CREATE POLICY audit_logs_readable ON audit_logs FOR SELECT USING (true)`);

    for (const fn of DEFINER_FUNCTIONS) {
      await q.query(
        `CREATE FUNCTION ${fn.signature} RETURNS ${fn.returns} LANGUAGE sql STABLE SECURITY DEFINER
         SET search_path = public AS $$ ${fn.body} $$`,
      );
      await q.query(`REVOKE ALL ON FUNCTION ${fn.signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn.signature} TO ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of [...DEFINER_FUNCTIONS].reverse()) await q.query(`DROP FUNCTION ${fn.signature}`);
    await q.query(`DROP POLICY audit_logs_readable ON audit_logs`);
    for (const table of [...TENANT_TABLES, ...LOG_TABLES].reverse()) {
      await q.query(`DROP POLICY definer_read ON "${table}"`);
      await q.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await q.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION verity_current_tenant()`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${APP_ROLE}`,
    );
    await q.query(`REVOKE USAGE ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    for (const table of Object.keys(APP_PRIVILEGES)) await q.query(`REVOKE ALL ON "${table}" FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    // The role stays: it is shared by every database of the cluster.
  }
}
