import { describe, expect, it } from 'vitest';
import { listDelta } from './list-import-job.service.js';

const entries = (pairs: [string, string][]) => new Map(pairs.map(([id, hash]) => [id, { hash, name: `name ${id}` }]));

describe('list delta', () => {
  it('finds added, removed and changed entries by external id and content hash', () => {
    const delta = listDelta(
      entries([
        ['1', 'a'],
        ['2', 'b'],
        ['3', 'c'],
      ]),
      entries([
        ['2', 'b'],
        ['3', 'C'],
        ['4', 'd'],
      ]),
    );
    expect(delta).toEqual([
      { change: 'added', externalId: '4', name: 'name 4', previousHash: null, contentHash: 'd' },
      { change: 'changed', externalId: '3', name: 'name 3', previousHash: 'c', contentHash: 'C' },
      { change: 'removed', externalId: '1', name: 'name 1', previousHash: 'a', contentHash: null },
    ]);
  });

  it('is empty for an identical list and all-added for a first import', () => {
    const same = entries([['1', 'a']]);
    expect(listDelta(same, same)).toEqual([]);
    expect(listDelta(new Map(), same).map((d) => d.change)).toEqual(['added']);
  });
});
