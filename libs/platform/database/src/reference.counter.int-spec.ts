import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { testConfig } from '@platform/testing';
import { DatabaseConnector } from './database.connector.js';
import { DatabaseModule } from './database.module.js';
import { nextReferenceNumber, returnReferenceNumber } from './reference.counter.js';
import { TransactionRunner } from './transaction.runner.js';

describe('nextReferenceNumber (real PostgreSQL, row-level security)', () => {
  let moduleRef: TestingModule;
  let runner: TransactionRunner;
  let owner: pg.Client;
  const tenant: Record<'a' | 'b', string> = { a: '', b: '' };

  const next = (tenantId: string, series: string): Promise<number> =>
    runner.run((tx) => nextReferenceNumber(tx, tenantId, series), { tenantId });

  beforeAll(async () => {
    owner = new pg.Client({ connectionString: inject('databaseUrl') });
    await owner.connect();
    for (const name of ['a', 'b'] as const) {
      const slug = `refs-${name}-${randomBytes(4).toString('hex')}`;
      tenant[name] = (
        (await owner.query(`INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id`, [slug])).rows[0] as {
          id: string;
        }
      ).id;
    }
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig({ DATABASE_POOL_SIZE: '8' })), DatabaseModule],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    runner = moduleRef.get(TransactionRunner);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner?.end();
  });

  it('numbers each tenant and series from 1, independently', async () => {
    expect([await next(tenant.a, 'ALR'), await next(tenant.a, 'ALR'), await next(tenant.a, 'CASE-2026')]).toEqual([
      1, 2, 1,
    ]);
    expect(await next(tenant.b, 'ALR')).toBe(1);
  });

  it('gives concurrent callers distinct, gapless numbers, and a rolled-back number to the next caller', async () => {
    const series = `S-${randomBytes(3).toString('hex')}`;
    await expect(
      runner.run(
        async (tx) => {
          expect(await nextReferenceNumber(tx, tenant.a, series)).toBe(1);
          throw new Error('roll back');
        },
        { tenantId: tenant.a },
      ),
    ).rejects.toThrow('roll back');
    const numbers = await Promise.all(Array.from({ length: 12 }, () => next(tenant.a, series)));
    expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('takes back a number given back in the same transaction, so the next caller gets it', async () => {
    const series = `G-${randomBytes(3).toString('hex')}`;
    expect(await next(tenant.a, series)).toBe(1);
    await runner.run(
      async (tx) => {
        const taken = await nextReferenceNumber(tx, tenant.a, series);
        expect(taken).toBe(2);
        await returnReferenceNumber(tx, tenant.a, series, taken);
      },
      { tenantId: tenant.a },
    );
    expect(await next(tenant.a, series)).toBe(2);
  });

  it("keeps a tenant's counters out of another tenant's sight", async () => {
    const seen = await runner.run((tx) => tx.query(`SELECT DISTINCT tenant_id FROM reference_counters`), {
      tenantId: tenant.b,
    });
    expect(seen).toEqual([{ tenant_id: tenant.b }]);
  });
});
