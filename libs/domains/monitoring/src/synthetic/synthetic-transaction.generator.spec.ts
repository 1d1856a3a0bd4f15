import { isValidIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded.random.js';
import {
  SYNTHETIC_RATES,
  TYPOLOGIES,
  generateSyntheticDataset,
  generateSyntheticTransactions,
  germanIban,
} from './synthetic-transaction.generator.js';

const options = { seed: 7, customers: 60, days: 30, typologyRate: 0.2 };

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generateSyntheticDataset', () => {
  const dataset = generateSyntheticDataset(options);
  const txs = dataset.transactions;

  it('is deterministic for a seed and changes with it', () => {
    expect(generateSyntheticTransactions(options)).toEqual(txs);
    const other = generateSyntheticTransactions({ ...options, seed: 8 });
    expect(other.map((t) => t.amountMinor)).not.toEqual(txs.map((t) => t.amountMinor));
  });

  it('plants every typology among mostly normal transactions, each labelled', () => {
    const counts = new Map<string, number>();
    for (const t of txs) counts.set(t.typology, (counts.get(t.typology) ?? 0) + 1);
    for (const typology of TYPOLOGIES) expect(counts.get(typology) ?? 0, typology).toBeGreaterThan(0);
    expect([...counts.keys()].every((k) => k === 'normal' || (TYPOLOGIES as readonly string[]).includes(k))).toBe(true);
    expect(counts.get('normal')! / txs.length).toBeGreaterThan(0.9);
  });

  it('orders transactions by time with stable ids inside the period', () => {
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    for (let i = 1; i < txs.length; i++) expect(txs[i].bookedAt >= txs[i - 1].bookedAt).toBe(true);
    expect(txs[0].id).toBe('syn7-000001');
    expect(new Set(txs.map((t) => t.id)).size).toBe(txs.length);
    expect(txs.every((t) => t.bookedAt.getTime() >= start && t.bookedAt.getTime() < start + 30 * 86_400_000)).toBe(
      true,
    );
  });

  it('writes consistent amounts, valid IBANs and counterparty keys', () => {
    for (const t of txs) {
      expect(Number.isInteger(t.amountMinor) && t.amountMinor > 0).toBe(true);
      expect(t.amountMajor).toBe(t.amountMinor / 100);
      expect(t.amountBase).toBeCloseTo(t.amountMajor * SYNTHETIC_RATES[t.currency], 2);
      if (t.counterparty.iban) {
        expect(isValidIBAN(t.counterparty.iban), t.counterparty.iban).toBe(true);
        expect(t.counterpartyKey).toBe(`iban:${t.counterparty.iban}`);
      } else expect(t.counterpartyKey).toBe(`name:${t.counterparty.name.toLowerCase()}`);
    }
    expect(germanIban(37040044, 532013000)).toBe('DE89370400440532013000');
  });

  it('structuring stays just below the reporting threshold; mules are new accounts that move money on', () => {
    const structuring = txs.filter((t) => t.typology === 'structuring');
    expect(structuring.every((t) => t.amountBase >= 9_000 && t.amountBase < 10_000)).toBe(true);
    const mules = dataset.customers.filter((c) => c.segment === 'mule');
    expect(mules.length).toBeGreaterThan(0);
    for (const mule of mules) {
      const own = txs.filter((t) => t.customerId === mule.customerId);
      expect(own.every((t) => t.typology === 'mule')).toBe(true);
      expect(own[0].bookedAt.getTime() - mule.accountOpenedAt.getTime()).toBeLessThanOrEqual(10 * 86_400_000);
      expect(own.some((t) => t.direction === 'in') && own.some((t) => t.direction === 'out')).toBe(true);
    }
  });

  it('a cycle moves money round between our own customers: every leg is an out of one and an in of the next', () => {
    const cycle = txs.filter((t) => t.typology === 'cycle');
    const outs = cycle.filter((t) => t.direction === 'out');
    const ins = cycle.filter((t) => t.direction === 'in');
    expect(outs.length).toBeGreaterThanOrEqual(3);
    expect(ins.length).toBe(outs.length);
    expect(new Set(outs.map((t) => t.customerId))).toEqual(new Set(ins.map((t) => t.customerId)));
  });
});
