import { describe, expect, it } from 'vitest';
import { parseInternalList } from './internal-list.parser.js';
import { ListFormatError } from './list-format.error.js';

const csv = `id,name,type,aliases,weak_aliases,dates_of_birth,nationalities,identifiers,programs,remarks
PEP-001,"DOE, Jane",individual,Jane Doe|J. Doe,JD,1961-04-12,United Kingdom,passport:123456789:GB,PEP,"Minister, 2019-2023"
WL-17,Acme Trading LLC,organisation,ACME TRADING,,,,registration:HRB 12345:DE,internal-watchlist,
`;

function formatError(work: () => unknown): ListFormatError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ListFormatError);
    return error as ListFormatError;
  }
  throw new Error('expected a ListFormatError');
}

describe('parseInternalList', () => {
  it('reads the documented CSV format', () => {
    const list = parseInternalList(csv, 'csv', 'pep-list');
    expect(list.source).toBe('pep-list');
    expect(list.entries).toEqual([
      {
        externalId: 'PEP-001',
        entityType: 'individual',
        name: 'DOE, Jane',
        aliases: [
          { name: 'Jane Doe', strength: 'strong' },
          { name: 'J. Doe', strength: 'strong' },
          { name: 'JD', strength: 'weak' },
        ],
        datesOfBirth: ['1961-04-12'],
        nationalities: ['GB'],
        countries: [],
        identifiers: [{ type: 'passport', value: '123456789', country: 'GB' }],
        programs: ['PEP'],
        remarks: 'Minister, 2019-2023',
      },
      {
        externalId: 'WL-17',
        entityType: 'organisation',
        name: 'Acme Trading LLC',
        aliases: [{ name: 'ACME TRADING', strength: 'strong' }],
        datesOfBirth: [],
        nationalities: [],
        countries: [],
        identifiers: [{ type: 'registration', value: 'HRB 12345', country: 'DE' }],
        programs: ['internal-watchlist'],
      },
    ]);
  });

  it('reads the documented JSON format, as an array or under "entries"', () => {
    const entries = [
      {
        id: 'PEP-001',
        name: 'DOE, Jane',
        type: 'person',
        aliases: ['Jane Doe', { name: 'J. Doe', strength: 'weak' }],
        datesOfBirth: ['1961'],
        nationalities: ['GB'],
        identifiers: [{ type: 'passport', value: '123456789', country: 'GB' }],
        programs: ['PEP'],
      },
      { id: 7, name: 'Acme Trading LLC' },
    ];
    const wrapped = parseInternalList(JSON.stringify({ entries }), 'json', 'pep');
    expect(parseInternalList(JSON.stringify(entries), 'json', 'pep')).toEqual(wrapped);
    expect(wrapped.entries[0]).toMatchObject({
      entityType: 'individual',
      aliases: [
        { name: 'Jane Doe', strength: 'strong' },
        { name: 'J. Doe', strength: 'weak' },
      ],
      datesOfBirth: ['1961'],
    });
    expect(wrapped.entries[1]).toMatchObject({ externalId: '7', entityType: 'unknown', aliases: [] });
  });

  it('rejects malformed CSV with the line', () => {
    const broken = csv.replace('"DOE, Jane"', '"DOE, Jane');
    expect(formatError(() => parseInternalList(broken, 'csv', 'x')).message).toMatch(/malformed CSV/);
    const badDate = formatError(() => parseInternalList(csv.replace('1961-04-12', '12/04/1961'), 'csv', 'x'));
    expect(badDate.message).toMatch(/not YYYY or YYYY-MM-DD/);
    expect(badDate.line).toBe(2);
  });

  it('rejects missing and unknown columns, duplicates, bad types and empty lists', () => {
    expect(formatError(() => parseInternalList('name\nJane', 'csv', 'x')).message).toMatch(
      /missing required column "id"/,
    );
    expect(formatError(() => parseInternalList('id,name,nick\n1,Jane,J', 'csv', 'x')).message).toMatch(
      /unknown column "nick"/,
    );
    expect(formatError(() => parseInternalList('id,name\n1,Jane\n1,John', 'csv', 'x')).message).toMatch(
      /duplicate id "1"/,
    );
    expect(formatError(() => parseInternalList('id,name,type\n1,Jane,alien', 'csv', 'x')).message).toMatch(
      /unknown type/,
    );
    expect(formatError(() => parseInternalList('id,name\n', 'csv', 'x')).message).toMatch(/no entries/);
    expect(formatError(() => parseInternalList('1,Jane\n', 'csv', 'x')).message).toMatch(/unknown column/);
    expect(formatError(() => parseInternalList('', 'csv', 'x')).message).toMatch(/empty file/);
  });

  it('rejects malformed JSON and wrongly shaped entries', () => {
    expect(formatError(() => parseInternalList('[{"id": 1, "name": "Jane"', 'json', 'x')).message).toMatch(
      /malformed JSON/,
    );
    expect(formatError(() => parseInternalList('{"items": []}', 'json', 'x')).message).toMatch(/"entries" array/);
    expect(formatError(() => parseInternalList('[]', 'json', 'x')).message).toMatch(/no entries/);
    expect(formatError(() => parseInternalList('[{"name": "Jane"}]', 'json', 'x')).message).toMatch(/has no id/);
    expect(
      formatError(() => parseInternalList('[{"id": "1", "name": "Jane", "aliases": "J"}]', 'json', 'x')).message,
    ).toMatch(/aliases must be an array/);
  });
});
