import { describe, expect, it } from 'vitest';
import { decisionWavesOf } from './decision.waves.js';

const item = (customerId: string, accountId = `${customerId}-a`) => ({ customerId, accountId });

describe('decisionWavesOf', () => {
  it('puts the k-th item of each customer in wave k, in request order', () => {
    const items = [item('a'), item('b'), item('a'), item('c'), item('a'), item('b')];
    expect(decisionWavesOf(items)).toEqual([[0, 1, 3], [2, 5], [4]]);
  });

  it('treats customers linked by a shared account (directly or through others) as one', () => {
    const items = [item('a', 'x'), item('b', 'x'), item('c', 'y'), item('d', 'z'), item('c', 'z'), item('d', 'w')];
    // a–b share x; c–d share z (through item 4): {a, b} and {c, d} are each decided one item per wave.
    expect(decisionWavesOf(items)).toEqual([[0, 2], [1, 3], [4], [5]]);
  });

  it('gives one wave for distinct customers and one wave per item for a single customer', () => {
    expect(decisionWavesOf(Array.from({ length: 4 }, (_, i) => item(`c-${i}`)))).toEqual([[0, 1, 2, 3]]);
    expect(decisionWavesOf(Array.from({ length: 3 }, () => item('same')))).toEqual([[0], [1], [2]]);
    expect(decisionWavesOf([])).toEqual([]);
  });
});
