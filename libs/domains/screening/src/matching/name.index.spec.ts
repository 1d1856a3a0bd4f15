import { describe, expect, it } from 'vitest';
import type { ListEntryRecord } from '../lists/list-entry.js';
import { DEFAULT_MATCH_THRESHOLD, NameIndex, type IndexedEntry } from './name.index.js';

function record(partial: Partial<ListEntryRecord> & { externalId: string; name: string }): ListEntryRecord {
  return {
    entityType: 'individual',
    aliases: [],
    datesOfBirth: [],
    nationalities: [],
    countries: [],
    identifiers: [],
    programs: [],
    ...partial,
  };
}

const entries: IndexedEntry[] = [
  record({
    externalId: '1',
    name: 'PUTIN, Vladimir Vladimirovich',
    aliases: [{ name: 'Vladimir PUTIN', strength: 'strong' }],
    datesOfBirth: ['1952-10-07'],
    nationalities: ['RU'],
  }),
  record({
    externalId: '2',
    name: 'AL-TIKRITI, Saddam Hussein',
    aliases: [
      { name: 'صدام حسين التكريتي', strength: 'strong' },
      { name: 'Abu Udai', strength: 'weak' },
    ],
    datesOfBirth: ['1937-04-28'],
    nationalities: ['IQ'],
    identifiers: [{ type: 'Passport', value: 'A-1234567', country: 'IQ' }],
  }),
  record({
    externalId: '3',
    name: 'BANCO NACIONAL DE CUBA',
    entityType: 'organisation',
    aliases: [{ name: 'BNC', strength: 'weak' }],
  }),
  record({ externalId: '4', name: 'MAHAN AIR', entityType: 'organisation', countries: ['IR'] }),
  record({ externalId: '5', name: 'KIM, Jong Un', datesOfBirth: ['1984-01-08'], nationalities: ['KP'] }),
  record({ externalId: '6', name: 'ABDULRAHMAN, Khalid' }),
  record({ externalId: '7', name: 'PUTINA, Maria' }),
].map((r) => ({ key: `k${r.externalId}`, listKey: 'test', record: r }));

const index = NameIndex.build(entries);
const top = (name: string, extra: Partial<Parameters<NameIndex['search']>[0]> = {}) =>
  index.search({ name, ...extra }, { minScore: 0 })[0];

describe('NameIndex', () => {
  it('counts entries and names', () => {
    expect(index.size).toBe(7);
    expect(index.nameCount).toBeGreaterThanOrEqual(9);
  });

  it('finds a name in any order, with case, punctuation and missing parts', () => {
    const hits = index.search({ name: 'vladimir putin' });
    expect(hits[0]).toMatchObject({
      key: 'k1',
      externalId: '1',
      listKey: 'test',
      entryName: 'PUTIN, Vladimir Vladimirovich',
    });
    expect(hits[0].score).toBe(1);
    expect(index.search({ name: 'Putin, Vladimir V.' })[0].key).toBe('k1');
    expect(hits.map((h) => h.key)).not.toContain('k7');
  });

  it('tolerates typos and transliteration variants', () => {
    expect(index.search({ name: 'Vladimr Poutin' })[0]?.key).toBe('k1');
    expect(index.search({ name: 'Saddam Husayn al-Tikriti' })[0]?.key).toBe('k2');
    expect(index.search({ name: 'Khaled Abdul Rahman' })[0]?.key).toBe('k6');
  });

  it('matches other scripts through transliteration', () => {
    expect(index.search({ name: 'Владимир Путин' })[0]?.key).toBe('k1');
    expect(index.search({ name: 'صدام حسين التكريتي' })[0]?.key).toBe('k2');
  });

  it('still matches homoglyph, zero-width and right-to-left tricks', () => {
    expect(index.search({ name: 'Vlаdimir Рutin' })[0]?.key).toBe('k1'); // Cyrillic а and Р
    expect(index.search({ name: 'Vla\u200Bdimir Pu\u200Dtin' })[0]?.key).toBe('k1');
    expect(index.search({ name: '\u202EMahan\u202C Air' })[0]?.key).toBe('k4');
  });

  it('ignores legal forms and honorifics', () => {
    expect(index.search({ name: 'Banco Nacional de Cuba S.A.' })[0]?.key).toBe('k3');
    expect(index.search({ name: 'Mahan Air LLC' })[0]?.key).toBe('k4');
    expect(index.search({ name: 'Mr. Kim Jong-Un' })[0]?.key).toBe('k5');
  });

  it('does not alert on unrelated names or a single shared given name', () => {
    expect(index.search({ name: 'Oliver Whitfield' })).toEqual([]);
    expect(index.search({ name: 'Vladimir Nabokov' })).toEqual([]);
    expect(index.search({ name: 'Air France' })).toEqual([]);
  });

  it('scores weak aliases lower than strong names', () => {
    const weak = top('Abu Udai');
    expect(weak.key).toBe('k2');
    expect(weak.explanation.isAlias).toBe(true);
    expect(weak.score).toBeLessThan(1);
    expect(weak.explanation.adjustments).toContainEqual({ reason: 'matched a weak (low-quality) alias', delta: -0.08 });
  });

  it('raises the score for an equal date of birth and nationality and lowers it for conflicting ones', () => {
    const base = top('Putin Vladimirovich').score;
    const agree = top('Putin Vladimirovich', { dateOfBirth: '1952-10-07', nationality: 'Russia' }).score;
    const yearOnly = top('Putin Vladimirovich', { dateOfBirth: '1952' }).score;
    const conflict = top('Putin Vladimirovich', { dateOfBirth: '1990-01-01', nationality: 'FR' }).score;
    expect(agree).toBeGreaterThan(yearOnly);
    expect(yearOnly).toBeGreaterThan(base);
    expect(conflict).toBeLessThan(base);
  });

  it('treats an equal identifier as near-certain', () => {
    const hit = top('S. Hussein', { identifiers: [{ type: 'passport', value: 'a1234567' }] });
    expect(hit.key).toBe('k2');
    expect(hit.score).toBeGreaterThanOrEqual(0.98);
    expect(hit.explanation.adjustments.some((a) => a.reason.startsWith('identifier'))).toBe(true);
  });

  it('lowers the score when a person is screened against an organisation', () => {
    const asPerson = top('Mahan Air', { entityType: 'individual' });
    const asOrg = top('Mahan Air', { entityType: 'organisation' });
    expect(asPerson.score).toBeLessThan(asOrg.score);
    expect(asPerson.score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
  });

  it('explains each hit: matched alias, token pairs, unmatched parts, adjustments that add up to the score', () => {
    const hit = top('Vladimir Putin', { dateOfBirth: '1952' });
    expect(hit.explanation.matchedName).toBe('Vladimir PUTIN');
    expect(hit.explanation.matchedTokens).toEqual([
      { query: 'vladimir', entry: 'vladimir', similarity: 1 },
      { query: 'putin', entry: 'putin', similarity: 1 },
    ]);
    expect(hit.explanation.unmatchedQueryTokens).toEqual([]);
    const sum = hit.explanation.adjustments.reduce((a, b) => a + b.delta, 0);
    expect(Math.min(1, sum)).toBeCloseTo(hit.score, 2);
    expect(hit.summary.join('\n')).toMatch(/test entry 1 "PUTIN, Vladimir Vladimirovich"/);
    expect(hit.summary.join('\n')).toMatch(/year of birth 1952 equal/);
    const partial = top('Vladimir Vladimirovich');
    expect(partial.explanation.unmatchedEntryTokens).toEqual(['putin']);
  });

  it('orders hits best first and honours limit and minScore', () => {
    const hits = index.search({ name: 'Putin' }, { minScore: 0.3, limit: 10 });
    expect(hits.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
    expect(index.search({ name: 'Putin' }, { minScore: 0.3, limit: 1 })).toHaveLength(1);
    expect(hits.every((h) => h.score >= 0.3)).toBe(true);
  });

  it('answers empty, symbol-only and 10,000-character names without failing', () => {
    expect(index.search({ name: '' })).toEqual([]);
    expect(index.search({ name: '\u200B\u202E  --' })).toEqual([]);
    expect(index.search({ name: 'x'.repeat(10_000) })).toEqual([]);
    expect(index.search({ name: 'Vladimir Putin '.repeat(700) })[0]?.key).toBe('k1');
    expect(index.search({ name: 'Ab Cd '.repeat(2_000) }, { minScore: 0 }).length).toBeLessThanOrEqual(20);
  });

  it("does not read a list's single letters as initials of a query's words, whatever the threshold", () => {
    const trading = NameIndex.build(
      [
        record({ externalId: 'a', name: 'A A TRADING FZCO', entityType: 'organisation' }),
        record({ externalId: 'b', name: 'ACME TRADING LLC', entityType: 'organisation' }),
      ].map((r) => ({ key: r.externalId, listKey: 'test', record: r })),
    );
    for (const minScore of [0.5, DEFAULT_MATCH_THRESHOLD]) {
      const hits = trading.search({ name: 'Acme Trading LLC', entityType: 'unknown', country: 'DE' }, { minScore });
      expect(hits.map((h) => h.key)).toEqual(['b']);
    }
    expect(trading.search({ name: 'A. A. Trading FZCO' })[0]?.key).toBe('a');
  });

  it('builds an empty index', () => {
    const empty = NameIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.search({ name: 'Vladimir Putin' })).toEqual([]);
  });
});
