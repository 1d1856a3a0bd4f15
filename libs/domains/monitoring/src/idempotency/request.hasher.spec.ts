import { describe, expect, it } from 'vitest';
import { requestHashOf } from './request.hasher.js';

describe('requestHashOf', () => {
  it('ignores key order and undefined fields, at every level', () => {
    const a = requestHashOf('s', { id: 't', amount: { value: 1, currency: 'USD' }, metadata: undefined });
    const b = requestHashOf('s', { amount: { currency: 'USD', value: 1 }, id: 't' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for another value, another array order, or another scope', () => {
    const body = { transactions: [{ id: 'a' }, { id: 'b' }] };
    const h = requestHashOf('batch', body);
    expect(requestHashOf('batch', { transactions: [{ id: 'b' }, { id: 'a' }] })).not.toBe(h);
    expect(requestHashOf('single', body)).not.toBe(h);
    expect(requestHashOf('batch', { transactions: [{ id: 'a' }, { id: 'c' }] })).not.toBe(h);
  });
});
