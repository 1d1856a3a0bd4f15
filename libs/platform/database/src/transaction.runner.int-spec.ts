import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { testConfig } from '@platform/testing';
import { DatabaseConnector } from './database.connector.js';
import { DatabaseModule } from './database.module.js';
import { TenantContext } from './tenant.context.js';
import { TransactionRunner } from './transaction.runner.js';

/**
 * The runner skips its SET LOCAL when the pooled connection's session already holds the transaction's tenant. With a
 * pool of one connection, each case below reuses the connection the previous one left bound to some tenant.
 */
describe('TransactionRunner tenant binding (real PostgreSQL, row-level security)', () => {
  let moduleRef: TestingModule;
  let runner: TransactionRunner;
  let owner: pg.Client;
  const tenants: Record<'a' | 'b', { id: string; prefix: string }> = {
    a: { id: '', prefix: '' },
    b: { id: '', prefix: '' },
  };
  const statements: string[] = [];
  const originalQuery = pg.Client.prototype.query;

  /** The key prefixes the transaction (or the non-transactional read) sees. */
  const visible = async (manager: { query: (sql: string) => Promise<{ prefix: string }[]> }): Promise<string[]> =>
    (await manager.query('SELECT prefix FROM identity_api_keys ORDER BY prefix')).map((r) => r.prefix);

  beforeAll(async () => {
    owner = new pg.Client({ connectionString: inject('databaseUrl') });
    await owner.connect();
    for (const name of ['a', 'b'] as const) {
      const slug = `runner-${name}-${randomBytes(4).toString('hex')}`;
      const { id } = (await owner.query(`INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id`, [slug]))
        .rows[0] as { id: string };
      const prefix = randomBytes(6).toString('hex');
      await owner.query(
        `INSERT INTO identity_api_keys (tenant_id, name, role, prefix, secret_hash) VALUES ($1, 'k', 'integration', $2, $3)`,
        [id, prefix, createHash('sha256').update('secret').digest()],
      );
      tenants[name] = { id, prefix };
    }
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig({ DATABASE_POOL_SIZE: '1' })), DatabaseModule],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    runner = moduleRef.get(TransactionRunner);
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string } | undefined;
      statements.push(typeof first === 'string' ? first : (first?.text ?? ''));
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof originalQuery;
  });

  afterAll(async () => {
    pg.Client.prototype.query = originalQuery;
    await moduleRef?.close();
    await owner?.end();
  });

  const setConfigs = (): number => statements.splice(0).filter((s) => s.includes('set_config')).length;

  it('sees only the transaction’s tenant, whatever tenant the connection’s session held before', async () => {
    const { a, b } = tenants;
    await TenantContext.run(a.id, async () => {
      expect(await visible(runner.reader)).toEqual([a.prefix]);
      setConfigs();
      // Same tenant as the session: no set_config at all, and still only a's rows.
      expect(await runner.run((tx) => visible(tx), { tenantId: a.id })).toEqual([a.prefix]);
      expect(setConfigs()).toBe(0);
      // Another tenant than the session's: SET LOCAL, and only b's rows.
      expect(await runner.run((tx) => visible(tx), { tenantId: b.id })).toEqual([b.prefix]);
      expect(setConfigs()).toBe(1);
      // The SET LOCAL ended with its transaction: the session is a's again.
      expect(await visible(runner.reader)).toEqual([a.prefix]);
      expect(await runner.run((tx) => visible(tx), { tenantId: a.id })).toEqual([a.prefix]);
      // actAs inside a transaction bound by the session: the switch holds for the rest of that transaction only.
      expect(
        await runner.run(
          async (tx) => {
            await runner.actAs(tx, b.id);
            return visible(tx);
          },
          { tenantId: a.id },
        ),
      ).toEqual([b.prefix]);
      expect(await runner.run((tx) => visible(tx), { tenantId: a.id })).toEqual([a.prefix]);
    });
    // Outside any tenant scope the session is cleared: nothing without a tenant, the tenant's rows with one.
    expect(await visible(runner.reader)).toEqual([]);
    expect(await runner.run((tx) => visible(tx))).toEqual([]);
    expect(await runner.run((tx) => visible(tx), { tenantId: b.id })).toEqual([b.prefix]);
    expect(await visible(runner.reader)).toEqual([]);
  });

  it('binds again after a rolled-back transaction in the session’s tenant', async () => {
    const { a, b } = tenants;
    await TenantContext.run(b.id, async () => {
      await expect(
        runner.run(
          async (tx) => {
            expect(await visible(tx)).toEqual([b.prefix]);
            throw new Error('roll back');
          },
          { tenantId: b.id },
        ),
      ).rejects.toThrow('roll back');
      expect(await runner.run((tx) => visible(tx), { tenantId: b.id })).toEqual([b.prefix]);
      expect(await runner.run((tx) => visible(tx), { tenantId: a.id })).toEqual([a.prefix]);
    });
  });
});
