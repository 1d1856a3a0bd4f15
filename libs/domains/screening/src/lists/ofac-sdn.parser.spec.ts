import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedList } from './list-entry.js';
import { ListFormatError } from './list-format.error.js';
import { parseOfacSdn, type OfacSdnFiles } from './ofac-sdn.parser.js';

const dir = [
  process.env.SANCTIONS_DIR,
  fileURLToPath(new URL('../../../../../data/sanctions', import.meta.url)),
  '/work/shared/sanctions',
]
  .filter((d): d is string => !!d)
  .find((d) => existsSync(`${d}/ofac-sdn/sdn.csv`)) as string;

const files: OfacSdnFiles = {
  sdn: readFileSync(`${dir}/ofac-sdn/sdn.csv`, 'utf8'),
  alt: readFileSync(`${dir}/ofac-sdn/alt.csv`, 'utf8'),
  add: readFileSync(`${dir}/ofac-sdn/add.csv`, 'utf8'),
  comments: readFileSync(`${dir}/ofac-sdn/sdn_comments.csv`, 'utf8'),
};

function formatError(work: () => unknown): ListFormatError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ListFormatError);
    return error as ListFormatError;
  }
  throw new Error('expected a ListFormatError');
}

describe('parseOfacSdn on the real SDN list', () => {
  let list: ParsedList;
  beforeAll(() => {
    list = parseOfacSdn(files);
  });
  const entry = (id: string) => list.entries.find((e) => e.externalId === id);

  it('reads every entry with its type', () => {
    expect(list.source).toBe('ofac-sdn');
    expect(list.entries).toHaveLength(7379);
    const types = new Set(list.entries.map((e) => e.entityType));
    expect(types).toEqual(new Set(['organisation', 'individual', 'vessel', 'aircraft']));
    expect(list.entries.filter((e) => e.entityType === 'individual')).toHaveLength(3845);
    expect(entry('36')?.entityType).toBe('organisation');
  });

  it('joins aliases from alt.csv and weak a.k.a. from the remarks', () => {
    const bnc = entry('306');
    expect(bnc?.name).toBe('BANCO NACIONAL DE CUBA');
    expect(bnc?.aliases).toContainEqual({ name: 'NATIONAL BANK OF CUBA', strength: 'strong' });
    expect(bnc?.aliases).toContainEqual({ name: 'BNC', strength: 'weak' });
  });

  it('keeps individuals as published and adds the First LAST form', () => {
    const e = entry('7503');
    expect(e?.name).toBe('MAHOFA, Shuvai Ben');
    expect(e?.aliases).toContainEqual({ name: 'Shuvai Ben MAHOFA', strength: 'strong' });
  });

  it('reads date of birth, identifiers and countries from remarks and addresses', () => {
    const e = entry('7503');
    expect(e?.datesOfBirth).toEqual(['1941-04-04']);
    expect(e?.identifiers).toContainEqual({ type: 'Passport', value: 'AD000369', country: 'ZW' });
    expect(e?.programs).toEqual(['ZIMBABWE']);
    expect(entry('173')?.countries).toContain('GB');
    const withNationality = list.entries.filter((x) => x.nationalities.length > 0);
    expect(withNationality.length).toBeGreaterThan(1500);
    expect(withNationality.every((x) => x.nationalities.every((n) => n.length === 2 || n.includes(' ')))).toBe(true);
  });
});

describe('parseOfacSdn on broken files', () => {
  const lines = files.sdn.split('\n');

  it('rejects an unclosed quote with the line', () => {
    const broken = [
      ...lines.slice(0, 10),
      '99999,"BROKEN NAME,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
      ...lines.slice(10),
    ];
    const error = formatError(() => parseOfacSdn({ sdn: broken.join('\n') }));
    expect(error.message).toMatch(/malformed CSV/);
    expect(error.file).toBe('sdn');
    expect(error.line).toBeGreaterThanOrEqual(11);
  });

  it('rejects a file truncated in the middle of a quoted field', () => {
    const error = formatError(() =>
      parseOfacSdn({ sdn: files.sdn.slice(0, Math.floor(files.sdn.length / 2)) + ',"HALF' }),
    );
    expect(error.message).toMatch(/malformed CSV/);
  });

  it('rejects a file truncated in the middle of a row', () => {
    const cut = lines.slice(0, 20).join('\n') + '\n' + lines[20].split(',').slice(0, 4).join(',');
    const error = formatError(() => parseOfacSdn({ sdn: cut }));
    expect(error.message).toMatch(/malformed CSV|columns/);
    expect(error.line).toBe(21);
  });

  it('rejects a file with the wrong columns', () => {
    const error = formatError(() => parseOfacSdn({ sdn: 'id,name\n1,ACME\n' }));
    expect(error.message).toBe('sdn: expected 12 columns, found 2 (line 1)');
  });

  it('rejects an empty file and a non-numeric ent_num', () => {
    expect(formatError(() => parseOfacSdn({ sdn: '' })).message).toMatch(/no entries/);
    expect(formatError(() => parseOfacSdn({ sdn: lines[0].replace(/^36,/, 'X36,') })).message).toMatch(/ent_num/);
  });

  it('rejects a broken alias file', () => {
    const error = formatError(() => parseOfacSdn({ sdn: files.sdn, alt: '36,12,"aka","AERO-CARIBBEAN,-0- \n' }));
    expect(error.file).toBe('alt');
  });
});
