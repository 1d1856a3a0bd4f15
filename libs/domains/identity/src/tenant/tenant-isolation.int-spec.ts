import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';

const APP_ROLE = 'verity_app';

/** `audit_logs` is readable by every tenant on purpose (id, tenant and public origin; see the migration). */
const READABLE_ACROSS_TENANTS = new Set(['audit_logs']);

/** The tables the seed below fills for both tenants: each must show the current tenant's rows and only those. */
const SEEDED = [
  'identity_users',
  'identity_sessions',
  'identity_api_keys',
  'audit_subject_keys',
  'audit_legal_holds',
  'audit_entries',
  'audit_unsequenced_entries',
  'audit_leaves',
  'audit_nodes',
  'audit_checkpoints',
  'audit_anchor_receipts',
  'audit_publication_failures',
];

interface SeededTenant {
  readonly id: string;
  readonly logId: string;
  readonly userId: string;
  readonly keyId: string;
  readonly keyPrefix: string;
  readonly tokenHash: Buffer;
}

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();

/** Writes one tenant's rows in every tenant-scoped table, as the owner (the test's superuser bypasses RLS). */
async function seedTenant(owner: pg.Client, slug: string): Promise<SeededTenant> {
  const one = async <T>(sql: string, params: unknown[]): Promise<T> => (await owner.query(sql, params)).rows[0] as T;
  const { id } = await one<{ id: string }>(`INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id`, [slug]);
  const { id: logId } = await one<{ id: string }>(
    `INSERT INTO audit_logs (tenant_id, origin) VALUES ($1, $2) RETURNING id`,
    [id, `test.verity/${slug}`],
  );
  const { id: userId } = await one<{ id: string }>(
    `INSERT INTO identity_users (tenant_id, email, display_name) VALUES ($1, $2, 'Someone') RETURNING id`,
    [id, `someone@${slug}.test`],
  );
  const tokenHash = sha256(randomBytes(32));
  await owner.query(
    `INSERT INTO identity_sessions (token_hash, tenant_id, user_id, csrf_token, last_seen_at, expires_at)
     VALUES ($1, $2, $3, 'csrf', now(), now() + interval '1 hour')`,
    [tokenHash, id, userId],
  );
  const keyPrefix = randomBytes(6).toString('hex');
  const { id: keyId } = await one<{ id: string }>(
    `INSERT INTO identity_api_keys (tenant_id, name, role, prefix, secret_hash) VALUES ($1, 'k', 'integration', $2, $3)
     RETURNING id`,
    [id, keyPrefix, sha256('secret')],
  );
  await owner.query(
    `INSERT INTO audit_subject_keys (tenant_id, subject_type, subject_id, master_key_id, wrapped_key)
     VALUES ($1, 'user', $2, 'm1', '\\x00')`,
    [id, userId],
  );
  await owner.query(`INSERT INTO audit_legal_holds (tenant_id, reason) VALUES ($1, 'litigation hold')`, [id]);
  const salt = randomBytes(32);
  const { id: entryId } = await one<{ id: string }>(
    `INSERT INTO audit_entries (log_id, actor_type, actor_id, action, subject_type, subject_id, payload_hash,
                                payload_salt, payload_clear)
     VALUES ($1, 'system', 'test', 'test.thing.happened', 'user', $2, $3, $4, '{}') RETURNING id`,
    [logId, userId, sha256(Buffer.concat([salt, Buffer.from('{}')])), salt],
  );
  const { id: waitingId } = await one<{ id: string }>(
    `INSERT INTO audit_entries (log_id, actor_type, actor_id, action, subject_type, subject_id, payload_hash,
                                payload_salt, payload_clear)
     VALUES ($1, 'system', 'test', 'test.thing.happened', 'user', $2, $3, $4, '{}') RETURNING id`,
    [logId, userId, sha256(Buffer.concat([salt, Buffer.from('{}')])), salt],
  );
  await owner.query(`INSERT INTO audit_unsequenced_entries (entry_id, log_id) VALUES ($1, $2)`, [waitingId, logId]);
  await owner.query(`INSERT INTO audit_leaves (log_id, idx, entry_id, leaf_hash) VALUES ($1, 0, $2, $3)`, [
    logId,
    entryId,
    sha256('leaf'),
  ]);
  await owner.query(`INSERT INTO audit_nodes (log_id, level, idx, hash) VALUES ($1, 1, 0, $2)`, [logId, sha256('n')]);
  await owner.query(`INSERT INTO audit_checkpoints (log_id, tree_size, root_hash, note) VALUES ($1, 1, $2, 'note')`, [
    logId,
    sha256('root'),
  ]);
  await owner.query(
    `INSERT INTO audit_anchor_receipts (log_id, tree_size, kind, receipt) VALUES ($1, 1, 'test', '{}')`,
    [logId],
  );
  await owner.query(
    `INSERT INTO audit_publication_failures (log_id, stage, kind, failures_total) VALUES ($1, 'anchor', 'test', 1)`,
    [logId],
  );
  return { id, logId, userId, keyId, keyPrefix, tokenHash };
}

describe('tenant isolation in PostgreSQL (row-level security, as the application role)', () => {
  let owner: pg.Client;
  let app: pg.Client;
  let a: SeededTenant;
  let b: SeededTenant;
  let scoped: { table: string; column: 'tenant_id' | 'log_id' }[];

  /** Runs `work` as the application role in one transaction acting as `tenantId` (none: no tenant set), rolled back. */
  async function asTenant<T>(tenantId: string | null, work: (client: pg.Client) => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      if (tenantId) await app.query(`SELECT set_config('verity.tenant_id', $1, true)`, [tenantId]);
      return await work(app);
    } finally {
      await app.query('ROLLBACK');
    }
  }

  /** The SQLSTATE a statement fails with inside a tenant transaction, or null when it succeeds. */
  async function failure(tenantId: string | null, sql: string, params: unknown[] = []): Promise<string | null> {
    return asTenant(tenantId, async (client) => {
      try {
        await client.query(sql, params);
        return null;
      } catch (error) {
        return (error as { code?: string }).code ?? 'unknown';
      }
    });
  }

  beforeAll(async () => {
    const url = inject('databaseUrl');
    owner = new pg.Client({ connectionString: url });
    // Exactly how the application connects: DATABASE_URL's user, acting as verity_app from the first statement.
    app = new pg.Client({ connectionString: url, options: `-c role=${APP_ROLE}` });
    await owner.connect();
    await app.connect();
    const suffix = randomBytes(3).toString('hex');
    a = await seedTenant(owner, `iso-a-${suffix}`);
    b = await seedTenant(owner, `iso-b-${suffix}`);
    const rows = (
      await owner.query<{ table: string; column: 'tenant_id' | 'log_id' }>(
        `SELECT c.relname AS table, min(a.attname) AS column
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname IN ('tenant_id', 'log_id') AND NOT a.attisdropped
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          GROUP BY c.relname ORDER BY c.relname`,
      )
    ).rows;
    // A table with both columns (audit_logs has none) is isolated by tenant_id.
    scoped = rows.map((r) => ({ table: r.table, column: r.column === 'log_id' ? 'log_id' : 'tenant_id' }));
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
  });

  it('connects as verity_app, which owns no table, cannot bypass RLS and is no superuser', async () => {
    const who = await app.query<{ current_user: string }>('SELECT current_user');
    expect(who.rows[0]?.current_user).toBe(APP_ROLE);
    const role = await owner.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      'SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1',
      [APP_ROLE],
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const owned = await owner.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
      [APP_ROLE],
    );
    expect(owned.rows).toEqual([]);
  });

  it('has row-level security enabled, forced and a tenant_isolation policy on every tenant-scoped table', async () => {
    const tables = scoped.map((s) => s.table);
    expect(tables).toEqual(expect.arrayContaining(SEEDED));
    const catalog = await owner.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1) ORDER BY c.relname`,
      [tables],
    );
    const policies = await owner.query<{ tablename: string }>(
      `SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation'`,
    );
    const withPolicy = new Set(policies.rows.map((p) => p.tablename));
    const unprotected = catalog.rows
      .filter((t) => !t.relrowsecurity || !t.relforcerowsecurity || !withPolicy.has(t.relname))
      .map((t) => t.relname);
    expect(unprotected).toEqual([]);
  });

  it("shows a query without any tenant filter only the current tenant's rows, in every tenant-scoped table", async () => {
    for (const tenant of [a, b]) {
      const other = tenant === a ? b : a;
      for (const { table, column } of scoped) {
        if (READABLE_ACROSS_TENANTS.has(table)) continue;
        const mine = column === 'tenant_id' ? tenant.id : tenant.logId;
        const theirs = column === 'tenant_id' ? other.id : other.logId;
        const seen = await asTenant(tenant.id, async (client) =>
          (await client.query<Record<string, unknown>>(`SELECT * FROM "${table}"`)).rows.map((r) => String(r[column])),
        );
        expect(seen, table).not.toContain(theirs);
        expect(
          seen.every((value) => value === mine),
          table,
        ).toBe(true);
        if (SEEDED.includes(table)) expect(seen.length, table).toBeGreaterThan(0);
      }
    }
  });

  it('shows no tenant-scoped row at all when no tenant is set', async () => {
    for (const { table } of scoped) {
      if (READABLE_ACROSS_TENANTS.has(table)) continue;
      const count = await asTenant(null, async (client) => (await client.query(`SELECT 1 FROM "${table}"`)).rowCount);
      expect(count, table).toBe(0);
    }
  });

  it("refuses to write another tenant's rows, and cannot see them to change or delete them", async () => {
    // 42501: new row violates row-level security policy.
    expect(
      await failure(
        a.id,
        `INSERT INTO identity_api_keys (tenant_id, name, role, prefix, secret_hash) VALUES ($1, 'x', 'admin', $2, $3)`,
        [b.id, randomBytes(6).toString('hex'), sha256('x')],
      ),
    ).toBe('42501');
    expect(
      await failure(
        a.id,
        `INSERT INTO audit_entries (log_id, actor_type, actor_id, action, subject_type, subject_id, payload_hash,
                                    payload_salt, payload_clear)
         VALUES ($1, 'system', 'x', 'test.forged.entry', 'user', 'x', $2, $3, '{}')`,
        [b.logId, sha256('x'), randomBytes(32)],
      ),
    ).toBe('42501');
    expect(await failure(a.id, `UPDATE identity_users SET tenant_id = $1 WHERE id = $2`, [b.id, a.userId])).toBe(
      '42501',
    );
    const changed = await asTenant(a.id, async (client) => {
      const revoked = await client.query(`UPDATE identity_api_keys SET revoked_at = now() WHERE id = $1`, [b.keyId]);
      const deleted = await client.query(`DELETE FROM identity_sessions WHERE tenant_id = $1`, [b.id]);
      return (revoked.rowCount ?? 0) + (deleted.rowCount ?? 0);
    });
    expect(changed).toBe(0);
  });

  it('may not change, delete or truncate audit records, nor switch row-level security off', async () => {
    // 42501: permission denied (no UPDATE/DELETE/TRUNCATE privilege); 42501 also for "must be owner".
    expect(await failure(a.id, `UPDATE audit_entries SET actor_id = 'forged'`)).toBe('42501');
    expect(await failure(a.id, `DELETE FROM audit_entries`)).toBe('42501');
    expect(await failure(a.id, `TRUNCATE audit_entries`)).toBe('42501');
    expect(await failure(a.id, `DELETE FROM audit_leaves`)).toBe('42501');
    expect(await failure(a.id, `ALTER TABLE identity_users DISABLE ROW LEVEL SECURITY`)).toBe('42501');
    expect(await failure(a.id, `ALTER TABLE audit_entries NO FORCE ROW LEVEL SECURITY`)).toBe('42501');
    expect(await failure(a.id, `DROP POLICY tenant_isolation ON identity_api_keys`)).toBe('42501');
  });

  it('finds the tenant of a session token or key prefix before the tenant is known, and nothing else', async () => {
    const session = await asTenant(null, async (client) =>
      client.query<{ t: string | null }>('SELECT verity_session_tenant($1) AS t', [b.tokenHash]),
    );
    expect(session.rows[0]?.t).toBe(b.id);
    const key = await asTenant(null, async (client) =>
      client.query<{ t: string | null }>('SELECT verity_api_key_tenant($1) AS t', [a.keyPrefix]),
    );
    expect(key.rows[0]?.t).toBe(a.id);
    const unknown = await asTenant(null, async (client) =>
      client.query<{ t: string | null }>('SELECT verity_api_key_tenant($1) AS t', ['nosuchprefix']),
    );
    expect(unknown.rows[0]?.t).toBeNull();
  });
});
