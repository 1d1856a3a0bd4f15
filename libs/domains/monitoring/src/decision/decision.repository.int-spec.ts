import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { IdempotencyKeyRepository } from '../idempotency/idempotency-key.repository.js';
import type { HistoryQuery } from '../transaction/transaction.repository.js';
import { DecisionRepository } from './decision.repository.js';

const history = (customerId: string): HistoryQuery => ({
  customerId,
  accountId: `${customerId}-account`,
  bookedAt: new Date(),
  counterpartyKey: 'iban:DE89370400440532013000',
  nearThresholdLow: 9_000,
  nearThresholdHigh: 10_000,
});

describe('the decision’s combined statements (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let decisions: DecisionRepository;
  let keys: IdempotencyKeyRepository;
  let tenantId: string;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig()), DatabaseModule],
      providers: [DecisionRepository, IdempotencyKeyRepository],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    decisions = moduleRef.get(DecisionRepository);
    keys = moduleRef.get(IdempotencyKeyRepository);
    const slug = `decide-${randomBytes(5).toString('hex')}`;
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

  /** Waits until some transaction waits for an advisory lock (bounded: fails the test instead of hanging). */
  async function someoneWaitsForALock(): Promise<void> {
    for (let i = 0; i < 500; i += 1) {
      const [row] = await transactions.reader.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
      );
      if (row.n > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no transaction ever waited for the customer lock');
  }

  it('takes a customer’s lock only with the claim, and reads after the locks what the holder committed', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let claimedFirst!: () => void;
    const firstClaimed = new Promise<void>((resolve) => (claimedFirst = resolve));
    const first = transactions.run(
      async (tx) => {
        expect(await decisions.claimAndLockCustomers(tx, tenantId, 'k-a', ['c-1', 'c-2'])).toBe(true);
        claimedFirst();
        await held;
        await keys.insertCompleted(tx, tenantId, {
          key: 'k-a',
          scope: 'transactions.single',
          requestHash: 'h',
          status: 201,
          body: { decided: 'first' },
          ttlHours: 24,
        });
      },
      { tenantId },
    );
    await firstClaimed;

    // The same key while the first holds it: refused at once, without queueing for the customers' locks (were it
    // queued behind the first transaction, which waits for this test to go on, this would never return).
    expect(
      await transactions.run((tx) => decisions.claimAndLockCustomers(tx, tenantId, 'k-a', ['c-1']), { tenantId }),
    ).toBe(false);

    // Another key for the same customer waits for the first transaction; its next statement sees the first's rows.
    const second = transactions.run(
      async (tx) => {
        expect(await decisions.claimAndLockCustomers(tx, tenantId, 'k-b', ['c-2'])).toBe(true);
        return decisions.storedResponseAndHistory(tx, tenantId, 'k-a', history('c-2'));
      },
      { tenantId },
    );
    await someoneWaitsForALock();
    release();
    await first;
    const { stored, history: aggregates } = await second;
    expect(stored).toMatchObject({ scope: 'transactions.single', requestHash: 'h', status: 201 });
    expect(stored?.body).toEqual({ decided: 'first' });
    expect(aggregates.customer['30d']).toEqual({ count: 0, sum: 0 });
  });

  it('answers no stored response for an unknown key, next to the history', async () => {
    const result = await transactions.run(
      (tx) => decisions.storedResponseAndHistory(tx, tenantId, 'never-used', history('c-3')),
      { tenantId },
    );
    expect(result.stored).toBeNull();
    expect(result.history.priorCounterpartyCount).toBe(0);
  });
});
