import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { DEFAULT_FEATURE_CONFIG, type FeatureAggregates } from '../feature/feature.deriver.js';
import { FeatureAggregatesCalculator } from '../synthetic/feature-aggregates.calculator.js';
import {
  generateSyntheticTransactions,
  type SyntheticTransaction,
} from '../synthetic/synthetic-transaction.generator.js';
import { aggregatesIncluding } from './history.aggregates.js';
import { TransactionEntity } from './transaction.entity.js';
import { TransactionRepository } from './transaction.repository.js';

const cfg = DEFAULT_FEATURE_CONFIG;

/** Moves every 7th transaction three places later: some arrive after later-booked ones (out of order). */
function withLateArrivals(transactions: SyntheticTransaction[]): SyntheticTransaction[] {
  const out = [...transactions];
  for (let i = 0; i + 3 < out.length; i += 7) {
    const [late] = out.splice(i, 1);
    out.splice(i + 3, 0, late);
  }
  return out;
}

function expectSameAggregates(sql: FeatureAggregates, memory: FeatureAggregates, what: string): void {
  const close = (a: number, b: number, field: string): void => {
    expect(Math.abs(a - b), `${what} ${field}: sql ${a} vs memory ${b}`).toBeLessThanOrEqual(
      1e-6 * Math.max(1, Math.abs(b)),
    );
  };
  for (const scope of ['customer', 'account'] as const) {
    for (const w of ['1h', '24h', '7d', '30d'] as const) {
      expect(sql[scope][w].count, `${what} ${scope}Count${w}`).toBe(memory[scope][w].count);
      close(sql[scope][w].sum, memory[scope][w].sum, `${scope}Sum${w}`);
    }
  }
  expect(sql.prior30d.count, `${what} prior30d.count`).toBe(memory.prior30d.count);
  close(sql.prior30d.sum, memory.prior30d.sum, 'prior30d.sum');
  close(sql.prior30d.sumSquares, memory.prior30d.sumSquares, 'prior30d.sumSquares');
  expect(sql.priorCounterpartyCount, `${what} priorCounterpartyCount`).toBe(memory.priorCounterpartyCount);
  expect(sql.nearThresholdCount7d, `${what} nearThresholdCount7d`).toBe(memory.nearThresholdCount7d);
  close(sql.inboundSum24h, memory.inboundSum24h, 'inboundSum24h');
  expect(sql.fanIn24h, `${what} fanIn24h`).toBe(memory.fanIn24h);
  expect(sql.fanOut24h, `${what} fanOut24h`).toBe(memory.fanOut24h);
}

describe('feature aggregates in SQL (real PostgreSQL) against the in-memory calculator the trainer uses', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let repository: TransactionRepository;
  let tenantId: string;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig()), DatabaseModule, TypeOrmModule.forFeature([TransactionEntity])],
      providers: [TransactionRepository],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    repository = moduleRef.get(TransactionRepository);
    const slug = `features-${randomBytes(5).toString('hex')}`;
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

  it('agrees on every transaction of a generated history, late arrivals included', async () => {
    const history = withLateArrivals(
      generateSyntheticTransactions({ seed: 11, customers: 6, days: 12, typologyRate: 0.5 }),
    ).slice(0, 400);
    expect(history.length).toBeGreaterThan(100);
    const memory = new FeatureAggregatesCalculator(cfg);
    let outOfOrder = 0;
    let latest = 0;
    for (const [i, t] of history.entries()) {
      if (t.bookedAt.getTime() < latest) outOfOrder++;
      latest = Math.max(latest, t.bookedAt.getTime());
      const expected = memory.next(t);
      await transactions.run(
        async (tx) => {
          const stored = await repository.history(tx, tenantId, {
            customerId: t.customerId,
            accountId: t.accountId,
            bookedAt: t.bookedAt,
            counterpartyKey: t.counterpartyKey,
            nearThresholdLow: cfg.reportingThreshold * (1 - cfg.nearThresholdBand),
            nearThresholdHigh: cfg.reportingThreshold,
          });
          expectSameAggregates(aggregatesIncluding(stored, t, cfg), expected, `#${i} ${t.id}`);
          await repository.insert(tx, {
            tenantId,
            externalId: t.id,
            customerId: t.customerId,
            accountId: t.accountId,
            customerRecordId: t.customerId,
            direction: t.direction,
            channel: t.channel,
            amountMinor: String(t.amountMinor),
            currency: t.currency,
            amountBase: String(t.amountBase),
            bookedAt: t.bookedAt,
            counterparty: { name: t.counterparty.name },
            counterpartyKey: t.counterpartyKey,
            metadata: {},
            features: {},
            decision: 'allow',
            score: 0,
            modelScore: 0,
            reasons: [],
            firedRules: [],
            contributions: [],
            ruleSetVersionId: null,
            ruleSetVersion: null,
            modelVersionId: null,
            modelVersion: null,
            shadowScores: [],
          });
        },
        { tenantId },
      );
    }
    expect(outOfOrder).toBeGreaterThan(0);
  });

  it('reads in one statement (historyMany) exactly what history reads for each query', async () => {
    const stored = generateSyntheticTransactions({ seed: 11, customers: 6, days: 12, typologyRate: 0.5 }).slice(0, 120);
    const queries = stored.map((t, i) => ({
      customerId: t.customerId,
      accountId: t.accountId,
      // Some queries before, some after, the stored history.
      bookedAt: new Date(t.bookedAt.getTime() + (i % 3) * 3_600_000),
      counterpartyKey: i % 4 === 0 ? 'iban:NEVERSEEN' : t.counterpartyKey,
      nearThresholdLow: cfg.reportingThreshold * (1 - cfg.nearThresholdBand),
      nearThresholdHigh: cfg.reportingThreshold,
    }));
    await transactions.run(
      async (tx) => {
        const many = await repository.historyMany(tx, tenantId, queries);
        const one = [];
        for (const q of queries) one.push(await repository.history(tx, tenantId, q));
        expect(many).toEqual(one);
        expect(many.some((h) => h.customer['30d'].count > 0)).toBe(true);
        expect(await repository.historyMany(tx, tenantId, [])).toEqual([]);
      },
      { tenantId },
    );
  });

  it('refuses a second transaction with the same external id (null, nothing written)', async () => {
    const row = {
      tenantId,
      externalId: `dup-${randomBytes(4).toString('hex')}`,
      customerId: 'c',
      accountId: 'a',
      customerRecordId: 'c',
      direction: 'in' as const,
      channel: 'card',
      amountMinor: '100',
      currency: 'USD',
      amountBase: '1',
      bookedAt: new Date(),
      counterparty: { name: 'x' },
      counterpartyKey: 'name:x',
      metadata: {},
      features: {},
      decision: 'allow' as const,
      score: 0,
      modelScore: 0,
      reasons: [],
      firedRules: [],
      contributions: [],
      ruleSetVersionId: null,
      ruleSetVersion: null,
      modelVersionId: null,
      modelVersion: null,
      shadowScores: [],
    };
    const first = await transactions.run((tx) => repository.insert(tx, row), { tenantId });
    const second = await transactions.run((tx) => repository.insert(tx, row), { tenantId });
    expect(first?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBeNull();
  });
});
