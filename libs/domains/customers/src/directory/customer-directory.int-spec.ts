import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { AuditModule } from '@domains/audit';
import { CustomerAccountEntity } from '../customer/customer-account.entity.js';
import { CustomerAccountRepository } from '../customer/customer-account.repository.js';
import { CustomerEntity } from '../customer/customer.entity.js';
import { CustomerRepository } from '../customer/customer.repository.js';
import { CustomerDirectoryService } from './customer-directory.service.js';

describe('CustomerDirectory.resolveForTransaction (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let directory: CustomerDirectoryService;
  let tenantId: string;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig()),
        DatabaseModule,
        AuditModule,
        TypeOrmModule.forFeature([CustomerEntity, CustomerAccountEntity]),
      ],
      providers: [CustomerRepository, CustomerAccountRepository, CustomerDirectoryService],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    directory = moduleRef.get(CustomerDirectoryService);
    const slug = `directory-${randomBytes(5).toString('hex')}`;
    tenantId = (
      await transactions.reader.query<{ id: string }[]>(
        'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
        [slug],
      )
    )[0].id;
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  const resolve = (customerRef: string, accountRef: string, policy: 'reject' | 'create') =>
    transactions.run(
      (tx) =>
        directory.resolveForTransaction(
          tx,
          tenantId,
          { customerRef, accountRef, currency: 'EUR', seenAt: new Date('2026-01-02T03:04:05Z') },
          policy,
        ),
      { tenantId },
    );

  const count = async (table: string, ref: string): Promise<number> =>
    Number(
      (
        await transactions.run<{ n: string }[]>(
          (tx) =>
            tx.query(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1 AND external_ref = $2`, [tenantId, ref]),
          { tenantId },
        )
      )[0]?.n,
    );

  it('answers null for unknown references with policy reject, and stores nothing', async () => {
    expect(await resolve('unknown-c', 'unknown-a', 'reject')).toBeNull();
    expect(await count('customers', 'unknown-c')).toBe(0);
  });

  it('creates a minimal, KYC-required record once, then finds it', async () => {
    const first = await resolve('cust-1', 'acct-1', 'create');
    expect(first).toMatchObject({
      customerCreated: true,
      accountCreated: true,
      riskRating: 'unrated',
      kycStatus: 'draft',
      isPep: false,
      accountOpenedAt: new Date('2026-01-02T03:04:05Z'),
    });
    const again = await resolve('cust-1', 'acct-1', 'reject');
    expect(again).toMatchObject({
      customerId: first?.customerId,
      accountId: first?.accountId,
      customerCreated: false,
      accountCreated: false,
    });
    const flagged = await transactions.run((tx) => tx.findOneBy(CustomerEntity, { tenantId, externalRef: 'cust-1' }), {
      tenantId,
    });
    expect(flagged?.kycRequired).toBe(true);
  });

  it('adds a new account to a known customer', async () => {
    const first = await resolve('cust-2', 'acct-2a', 'create');
    const second = await resolve('cust-2', 'acct-2b', 'create');
    expect(second).toMatchObject({ customerId: first?.customerId, customerCreated: false, accountCreated: true });
    expect(second?.accountId).not.toBe(first?.accountId);
  });

  it('creates one customer and one account when concurrent transactions see the same new references', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => resolve('cust-race', 'acct-race', 'create')));
    const customerIds = new Set(results.map((r) => r?.customerId));
    const accountIds = new Set(results.map((r) => r?.accountId));
    expect(customerIds.size).toBe(1);
    expect(accountIds.size).toBe(1);
    expect(results.filter((r) => r?.customerCreated)).toHaveLength(1);
    expect(results.filter((r) => r?.accountCreated)).toHaveLength(1);
    expect(await count('customers', 'cust-race')).toBe(1);
    expect(await count('customer_accounts', 'acct-race')).toBe(1);
  });
});
