import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOfacSdn } from '../lists/ofac-sdn.parser.js';
import { parseUnConsolidated } from '../lists/un-consolidated.parser.js';
import { buildEvaluationSet, evaluateAt, scoreEvaluationSet, type EvaluationCase } from './evaluation-set.js';
import { DEFAULT_MATCH_THRESHOLD, NameIndex, type IndexedEntry } from './name.index.js';

const dir = [
  process.env.SANCTIONS_DIR,
  fileURLToPath(new URL('../../../../../data/sanctions', import.meta.url)),
  '/work/shared/sanctions',
]
  .filter((d): d is string => !!d)
  .find((d) => existsSync(`${d}/ofac-sdn/sdn.csv`)) as string;

describe('screening quality on the evaluation set built from the real lists', () => {
  let entries: IndexedEntry[];
  let index: NameIndex;
  let cases: EvaluationCase[];

  beforeAll(() => {
    const ofac = parseOfacSdn({
      sdn: readFileSync(`${dir}/ofac-sdn/sdn.csv`, 'utf8'),
      alt: readFileSync(`${dir}/ofac-sdn/alt.csv`, 'utf8'),
      add: readFileSync(`${dir}/ofac-sdn/add.csv`, 'utf8'),
    });
    const un = parseUnConsolidated(readFileSync(`${dir}/un/consolidated.xml`, 'utf8'));
    entries = [
      ...ofac.entries.map((record) => ({ key: `ofac:${record.externalId}`, listKey: ofac.source, record })),
      ...un.entries.map((record) => ({ key: `un:${record.externalId}`, listKey: un.source, record })),
    ];
    index = NameIndex.build(entries);
    cases = buildEvaluationSet(entries, { seed: 11, positives: 360, negatives: 300 });
  });

  it('builds the same labelled set for the same seed, another for another seed', () => {
    const again = buildEvaluationSet(entries, { seed: 11, positives: 360, negatives: 300 });
    expect(again).toEqual(cases);
    const other = buildEvaluationSet(entries, { seed: 12, positives: 360, negatives: 300 });
    expect(other.map((c) => c.query.name)).not.toEqual(cases.map((c) => c.query.name));
    const keys = new Set(entries.map((e) => e.key));
    const positives = cases.filter((c) => c.expectedKey !== undefined);
    expect(positives).toHaveLength(360);
    expect(positives.every((c) => keys.has(c.expectedKey as string))).toBe(true);
    expect(new Set(positives.map((c) => c.kind)).size).toBe(9);
    expect(cases.filter((c) => c.expectedKey === undefined)).toHaveLength(300);
  });

  it('reaches precision and recall of at least 0.9 at the default threshold', () => {
    const scores = scoreEvaluationSet(index, cases);
    const result = evaluateAt(cases, scores, DEFAULT_MATCH_THRESHOLD);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.f1).toBeGreaterThanOrEqual(0.93);
    // Every kind of variation is mostly found, every kind of negative mostly left alone.
    for (const [kind, k] of Object.entries(result.byKind)) expect(k.rate, kind).toBeGreaterThanOrEqual(0.8);
    // Sanity of the metric itself: a threshold above every score alerts on nothing.
    expect(evaluateAt(cases, scores, 1.01)).toMatchObject({ truePositives: 0, falsePositives: 0, recall: 0 });
  });
});
