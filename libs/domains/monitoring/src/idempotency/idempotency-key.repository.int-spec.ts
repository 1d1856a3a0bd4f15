import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { IdempotencyKeyRepository } from './idempotency-key.repository.js';

describe('Idempotency-Key storage (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let keys: IdempotencyKeyRepository;
  let tenantId: string;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig()), DatabaseModule],
      providers: [IdempotencyKeyRepository],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    keys = moduleRef.get(IdempotencyKeyRepository);
    const slug = `idem-${randomBytes(5).toString('hex')}`;
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

  it('lets one transaction claim a key while it runs, and frees it when that transaction ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let claimedFirst!: () => void;
    const firstClaimed = new Promise<void>((resolve) => (claimedFirst = resolve));
    const first = transactions.run(
      async (tx) => {
        expect(await keys.tryClaim(tx, tenantId, 'k-1')).toBe(true);
        claimedFirst();
        await held;
      },
      { tenantId },
    );
    await firstClaimed;
    expect(await transactions.run((tx) => keys.tryClaim(tx, tenantId, 'k-1'), { tenantId })).toBe(false);
    expect(await transactions.run((tx) => keys.tryClaim(tx, tenantId, 'k-2'), { tenantId })).toBe(true);
    release();
    await first;
    expect(await transactions.run((tx) => keys.tryClaim(tx, tenantId, 'k-1'), { tenantId })).toBe(true);
  });

  it('stores the response with its hash and deletes only expired keys', async () => {
    await transactions.run(
      async (tx) => {
        await keys.insertCompleted(tx, tenantId, {
          key: 'stored',
          scope: 'transactions.single',
          requestHash: 'a'.repeat(64),
          status: 201,
          body: { decision: 'allow' },
          ttlHours: 24,
        });
      },
      { tenantId },
    );
    const stored = await transactions.run((tx) => keys.find(tx, tenantId, 'stored'), { tenantId });
    expect(stored).toMatchObject({ status: 201, body: { decision: 'allow' }, requestHash: 'a'.repeat(64) });

    const now = new Date();
    expect(await transactions.run((tx) => keys.deleteExpired(tx, tenantId, now), { tenantId })).toBe(0);
    const later = new Date(now.getTime() + 25 * 3_600_000);
    expect(await transactions.run((tx) => keys.deleteExpired(tx, tenantId, later), { tenantId })).toBe(1);
    expect(await transactions.run((tx) => keys.find(tx, tenantId, 'stored'), { tenantId })).toBeNull();
  });
});
