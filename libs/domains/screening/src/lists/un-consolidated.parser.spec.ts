import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedList } from './list-entry.js';
import { ListFormatError } from './list-format.error.js';
import { parseUnConsolidated } from './un-consolidated.parser.js';

const dir = [
  process.env.SANCTIONS_DIR,
  fileURLToPath(new URL('../../../../../data/sanctions', import.meta.url)),
  '/work/shared/sanctions',
]
  .filter((d): d is string => !!d)
  .find((d) => existsSync(`${d}/un/consolidated.xml`)) as string;
const xml = readFileSync(`${dir}/un/consolidated.xml`, 'utf8');

function formatError(work: () => unknown): ListFormatError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ListFormatError);
    return error as ListFormatError;
  }
  throw new Error('expected a ListFormatError');
}

describe('parseUnConsolidated on the real list', () => {
  let list: ParsedList;
  beforeAll(() => {
    list = parseUnConsolidated(xml);
  });

  it('reads 730 individuals and 273 entities', () => {
    expect(list.source).toBe('un-consolidated');
    expect(list.entries.filter((e) => e.entityType === 'individual')).toHaveLength(730);
    expect(list.entries.filter((e) => e.entityType === 'organisation')).toHaveLength(273);
    expect(new Set(list.entries.map((e) => e.externalId)).size).toBe(1003);
  });

  it('reads names, dates of birth, nationality and address country', () => {
    const e = list.entries.find((x) => x.externalId === 'CDi.001');
    expect(e?.name).toBe('ERIC BADEGE');
    expect(e?.datesOfBirth).toEqual(['1971']);
    expect(e?.nationalities).toEqual(['CD']);
    expect(e?.countries).toEqual(['RW']);
    expect(e?.programs).toEqual(['DRC']);
  });

  it('keeps the original script as a strong alias and low-quality aliases as weak', () => {
    const e = list.entries.find((x) => x.name === 'HIKMAT MIZBAN IBRAHIM AL-AZZAWI');
    expect(e?.aliases).toContainEqual({ name: 'حكمت مزبان إبراهيم العزاوي', strength: 'strong' });
    const weak = list.entries.flatMap((x) => x.aliases).filter((a) => a.strength === 'weak');
    expect(weak.length).toBeGreaterThan(500);
  });

  it('reads documents with their issuing country', () => {
    const docs = list.entries.flatMap((x) => x.identifiers);
    expect(docs).toContainEqual({ type: 'Passport', value: 'OB 0243318', country: 'CD' });
  });
});

describe('parseUnConsolidated on broken files', () => {
  it('rejects a truncated file', () => {
    const error = formatError(() => parseUnConsolidated(xml.slice(0, Math.floor(xml.length / 3))));
    expect(error.message).toMatch(/malformed XML/);
    expect(error.line).toBeGreaterThanOrEqual(1);
  });

  it('rejects a broken element with its line', () => {
    const lines = xml.split('\n');
    const at = lines.findIndex((l) => l.includes('<FIRST_NAME>SULTAN</FIRST_NAME>'));
    lines[at] = lines[at].replace('</FIRST_NAME>', '</FIRST_NAM>');
    const error = formatError(() => parseUnConsolidated(lines.join('\n')));
    expect(error.message).toMatch(/malformed XML/);
    expect(error.line).toBe(at + 1);
  });

  it('rejects another root element', () => {
    const error = formatError(() => parseUnConsolidated('<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>'));
    expect(error.message).toBe('root element must be CONSOLIDATED_LIST, found sdnList');
  });

  it('rejects a list without entries and empty text', () => {
    expect(
      formatError(() => parseUnConsolidated('<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>'))
        .message,
    ).toBe('no entries');
    expect(formatError(() => parseUnConsolidated('<CONSOLIDATED_LIST></CONSOLIDATED_LIST>')).message).toMatch(
      /neither INDIVIDUALS nor ENTITIES/,
    );
    expect(formatError(() => parseUnConsolidated('   ')).message).toBe('empty file');
  });

  it('rejects text that is not XML', () => {
    expect(formatError(() => parseUnConsolidated('id,name\n1,ACME')).message).toMatch(/malformed XML/);
  });
});
