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
import type { TransactionParty } from './customer-directory.port.js';
import { CustomerDirectoryRepository } from './customer-directory.repository.js';
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
      providers: [CustomerRepository, CustomerAccountRepository, CustomerDirectoryRepository, CustomerDirectoryService],
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
  describe('resolveManyForTransaction', () => {
    const newTenant = async (): Promise<string> =>
      (
        await transactions.reader.query<{ id: string }[]>(
          'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
          [`directory-many-${randomBytes(5).toString('hex')}`],
        )
      )[0].id;
    const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 2, 3, minute));
    const refs = [
      { customerRef: 'known', accountRef: 'known-a', currency: 'EUR', seenAt: at(1) },
      { customerRef: 'new-1', accountRef: 'new-1-a', currency: 'USD', seenAt: at(2) },
      { customerRef: 'new-1', accountRef: 'new-1-b', currency: 'GBP', seenAt: at(3) },
      { customerRef: 'new-1', accountRef: 'new-1-a', currency: 'CHF', seenAt: at(4) },
      { customerRef: 'known', accountRef: 'known-b', currency: 'EUR', seenAt: at(5) },
      { customerRef: 'new-2', accountRef: 'known-a', currency: 'EUR', seenAt: at(6) },
      { customerRef: 'new-3', accountRef: 'new-3-a', currency: 'SEK', seenAt: at(7) },
    ];
    const seed = (tenant: string) =>
      transactions.run(
        (tx) =>
          directory.resolveForTransaction(
            tx,
            tenant,
            { customerRef: 'known', accountRef: 'known-a', currency: 'EUR', seenAt: at(0) },
            'create',
          ),
        { tenantId: tenant },
      );
    /** What a party says, with the record ids replaced by the references they were created for. */
    const described = async (tenant: string, parties: readonly (TransactionParty | null)[]) => {
      const names = await transactions.run(
        async (tx) => {
          const customers = await tx.query<{ id: string; external_ref: string }[]>(
            'SELECT id, external_ref FROM customers WHERE tenant_id = $1',
            [tenant],
          );
          const accounts = await tx.query<{ id: string; external_ref: string; currency: string; opened_at: Date }[]>(
            'SELECT id, external_ref, currency, opened_at FROM customer_accounts WHERE tenant_id = $1',
            [tenant],
          );
          return new Map([
            ...customers.map((c) => [c.id, c.external_ref] as const),
            ...accounts.map((a) => [a.id, `${a.external_ref}/${a.currency}/${a.opened_at.toISOString()}`] as const),
          ]);
        },
        { tenantId: tenant },
      );
      return parties.map((p) =>
        p === null ? null : { ...p, customerId: names.get(p.customerId), accountId: names.get(p.accountId) },
      );
    };
    const auditActions = (tenant: string) =>
      transactions.run(
        (tx) =>
          tx.query<{ action: string; subject_id: string }[]>(
            `SELECT e.action, c.external_ref AS subject_id FROM audit_entries e JOIN audit_logs l ON l.id = e.log_id
               JOIN customers c ON c.id::text = e.subject_id
              WHERE l.tenant_id = $1 ORDER BY e.id`,
            [tenant],
          ),
        { tenantId: tenant },
      );

    it('answers what resolving the refs one after another answers, and audits the same creations', async () => {
      const one = await newTenant();
      const many = await newTenant();
      await seed(one);
      await seed(many);
      const sequential: (TransactionParty | null)[] = [];
      for (const ref of refs) {
        sequential.push(
          await transactions.run((tx) => directory.resolveForTransaction(tx, one, ref, 'create'), { tenantId: one }),
        );
      }
      const batched = await transactions.run((tx) => directory.resolveManyForTransaction(tx, many, refs, 'create'), {
        tenantId: many,
      });
      expect(await described(many, batched)).toEqual(await described(one, sequential));
      expect(await auditActions(many)).toEqual(await auditActions(one));
      // Known parties only: one read, nothing created.
      const again = await transactions.run((tx) => directory.resolveManyForTransaction(tx, many, refs, 'reject'), {
        tenantId: many,
      });
      expect(again.map((p) => p?.customerId)).toEqual(batched.map((p) => p?.customerId));
      expect(again.every((p) => p !== null && !p.customerCreated && !p.accountCreated)).toBe(true);
    });

    it('answers null for the unknown refs under policy reject, and writes nothing', async () => {
      const tenant = await newTenant();
      await seed(tenant);
      const parties = await transactions.run((tx) => directory.resolveManyForTransaction(tx, tenant, refs, 'reject'), {
        tenantId: tenant,
      });
      expect(parties.map((p) => p !== null)).toEqual([true, false, false, false, false, false, false]);
      const counts = await transactions.run(
        (tx) =>
          tx.query<{ customers: number; accounts: number }[]>(
            `SELECT (SELECT count(*)::int FROM customers WHERE tenant_id = $1) AS customers,
                    (SELECT count(*)::int FROM customer_accounts WHERE tenant_id = $1) AS accounts`,
            [tenant],
          ),
        { tenantId: tenant },
      );
      expect(counts[0]).toEqual({ customers: 1, accounts: 1 });
    });
  });
});
