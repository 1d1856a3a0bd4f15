import { resolveCountryCode } from './country-code.resolver.js';
import type { ListEntityType, ListEntryRecord, ParsedList } from './list-entry.js';
import { readCsvRows } from './list-csv.reader.js';
import { ListFormatError } from './list-format.error.js';

/** The two encodings of an internal watchlist or PEP list (format documented in libs/domains/screening/README.md). */
export type InternalListFormat = 'csv' | 'json';

/** CSV columns, in any order; `id` and `name` are required, the rest optional. Multi-valued cells use '|'. */
export const INTERNAL_LIST_COLUMNS = [
  'id',
  'name',
  'type',
  'aliases',
  'weak_aliases',
  'dates_of_birth',
  'nationalities',
  'countries',
  'identifiers',
  'programs',
  'remarks',
] as const;

const ENTITY_TYPES: readonly ListEntityType[] = ['individual', 'organisation', 'vessel', 'aircraft', 'unknown'];
const TYPE_SYNONYMS: Record<string, ListEntityType> = {
  person: 'individual',
  individual: 'individual',
  organisation: 'organisation',
  organization: 'organisation',
  company: 'organisation',
  entity: 'organisation',
  vessel: 'vessel',
  aircraft: 'aircraft',
  unknown: 'unknown',
  '': 'unknown',
};
const DATE_RE = /^\d{4}(-\d{2}-\d{2})?$/;

function fail(message: string, line?: number): never {
  throw new ListFormatError(message, line);
}

function entityType(raw: unknown, where: string, line?: number): ListEntityType {
  if (raw === undefined || raw === null) return 'unknown';
  if (typeof raw !== 'string') fail(`${where}: type must be one of ${ENTITY_TYPES.join(', ')}`, line);
  const type = TYPE_SYNONYMS[raw.trim().toLowerCase()];
  if (!type) fail(`${where}: unknown type "${raw.slice(0, 40)}" (one of ${ENTITY_TYPES.join(', ')})`, line);
  return type;
}

function dates(values: string[], where: string, line?: number): string[] {
  for (const d of values) {
    if (!DATE_RE.test(d)) fail(`${where}: date of birth "${d.slice(0, 20)}" is not YYYY or YYYY-MM-DD`, line);
  }
  return values;
}

function countryCodes(values: string[]): string[] {
  return values.map((v) => resolveCountryCode(v) ?? v);
}

function split(cell: string | undefined): string[] {
  return (cell ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** `type:value` or `type:value:country` (the value may not contain ':'). */
function identifier(cell: string, where: string, line?: number): { type: string; value: string; country?: string } {
  const parts = cell.split(':').map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) {
    fail(`${where}: identifier "${cell.slice(0, 40)}" must be type:value or type:value:country`, line);
  }
  const country = parts[2] ? (resolveCountryCode(parts[2]) ?? parts[2]) : undefined;
  return country ? { type: parts[0], value: parts[1], country } : { type: parts[0], value: parts[1] };
}

function parseCsv(text: string): ListEntryRecord[] {
  const rows = readCsvRows(text, 'csv', undefined);
  if (rows.length === 0) fail('empty file: expected a header row and at least one entry');
  const header = rows[0].map((h) => h.trim().toLowerCase());
  for (const h of header) {
    if (!(INTERNAL_LIST_COLUMNS as readonly string[]).includes(h)) {
      fail(`unknown column "${h.slice(0, 40)}" (allowed: ${INTERNAL_LIST_COLUMNS.join(', ')})`, 1);
    }
  }
  for (const required of ['id', 'name'])
    if (!header.includes(required)) fail(`missing required column "${required}"`, 1);
  const col = (row: string[], name: string): string | undefined => {
    const i = header.indexOf(name);
    return i >= 0 ? row[i] : undefined;
  };
  const entries: ListEntryRecord[] = [];
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const id = (col(row, 'id') ?? '').trim();
    const name = (col(row, 'name') ?? '').trim();
    if (!id) fail('entry without id', line);
    if (!name) fail(`entry ${id} has no name`, line);
    const where = `entry ${id}`;
    const record: ListEntryRecord = {
      externalId: id,
      entityType: entityType(col(row, 'type') ?? '', where, line),
      name,
      aliases: [
        ...split(col(row, 'aliases')).map((n) => ({ name: n, strength: 'strong' as const })),
        ...split(col(row, 'weak_aliases')).map((n) => ({ name: n, strength: 'weak' as const })),
      ],
      datesOfBirth: dates(split(col(row, 'dates_of_birth')), where, line),
      nationalities: countryCodes(split(col(row, 'nationalities'))),
      countries: countryCodes(split(col(row, 'countries'))),
      identifiers: split(col(row, 'identifiers')).map((c) => identifier(c, where, line)),
      programs: split(col(row, 'programs')),
    };
    const remarks = col(row, 'remarks')?.trim();
    if (remarks) record.remarks = remarks;
    entries.push(record);
  });
  return entries;
}

function strings(value: unknown, field: string, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    fail(`${where}: ${field} must be an array of strings`);
  return (value as string[]).map((v) => v.trim()).filter((v) => v.length > 0);
}

function parseJson(text: string): ListEntryRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    fail(`malformed JSON: ${message}`);
  }
  const items: unknown = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object'
      ? (doc as { entries?: unknown }).entries
      : undefined;
  if (!Array.isArray(items)) fail('expected an array of entries or an object with an "entries" array');
  return items.map((item: unknown, i): ListEntryRecord => {
    const where = `entry #${i + 1}`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) fail(`${where} is not an object`);
    const o = item as Record<string, unknown>;
    const id = typeof o.id === 'number' ? String(o.id) : typeof o.id === 'string' ? o.id.trim() : '';
    if (!id) fail(`${where} has no id`);
    if (typeof o.name !== 'string' || !o.name.trim()) fail(`entry ${id} has no name`);
    const aliases: ListEntryRecord['aliases'] = [];
    if (o.aliases !== undefined && o.aliases !== null) {
      if (!Array.isArray(o.aliases)) fail(`entry ${id}: aliases must be an array`);
      for (const a of o.aliases as unknown[]) {
        if (typeof a === 'string') {
          if (a.trim()) aliases.push({ name: a.trim(), strength: 'strong' });
        } else if (a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string') {
          const strength = (a as { strength?: unknown }).strength ?? 'strong';
          if (strength !== 'strong' && strength !== 'weak') fail(`entry ${id}: alias strength must be strong or weak`);
          aliases.push({ name: (a as { name: string }).name.trim(), strength });
        } else {
          fail(`entry ${id}: each alias is a string or { name, strength }`);
        }
      }
    }
    const identifiers: ListEntryRecord['identifiers'] = [];
    if (o.identifiers !== undefined && o.identifiers !== null) {
      if (!Array.isArray(o.identifiers)) fail(`entry ${id}: identifiers must be an array`);
      for (const raw of o.identifiers as unknown[]) {
        const idf = raw as { type?: unknown; value?: unknown; country?: unknown } | null;
        if (!idf || typeof idf.type !== 'string' || typeof idf.value !== 'string' || !idf.type || !idf.value) {
          fail(`entry ${id}: each identifier is { type, value, country? }`);
        }
        const country = typeof idf.country === 'string' ? (resolveCountryCode(idf.country) ?? idf.country) : undefined;
        identifiers.push(
          country ? { type: idf.type, value: idf.value, country } : { type: idf.type, value: idf.value },
        );
      }
    }
    const record: ListEntryRecord = {
      externalId: id,
      entityType: entityType(o.type, `entry ${id}`),
      name: o.name.trim(),
      aliases,
      datesOfBirth: dates(strings(o.datesOfBirth, 'datesOfBirth', `entry ${id}`), `entry ${id}`),
      nationalities: countryCodes(strings(o.nationalities, 'nationalities', `entry ${id}`)),
      countries: countryCodes(strings(o.countries, 'countries', `entry ${id}`)),
      identifiers,
      programs: strings(o.programs, 'programs', `entry ${id}`),
    };
    if (o.remarks !== undefined && o.remarks !== null) {
      if (typeof o.remarks !== 'string') fail(`entry ${id}: remarks must be a string`);
      if (o.remarks.trim()) record.remarks = o.remarks.trim();
    }
    return record;
  });
}

/**
 * Parses an internal watchlist or PEP list in the documented CSV or JSON format (README.md of this domain).
 * Entries need an id (unique) and a name; everything else is optional. Throws ListFormatError, with the line
 * for CSV, on anything malformed: bad quoting, unknown or missing columns, bad dates, duplicate ids, no entries.
 */
export function parseInternalList(text: string, format: InternalListFormat, source: string): ParsedList {
  if (typeof text !== 'string' || text.trim().length === 0) fail('empty file');
  let entries: ListEntryRecord[];
  if (format === 'csv') entries = parseCsv(text);
  else if (format === 'json') entries = parseJson(text);
  else fail(`unknown format "${String(format)}" (csv or json)`);
  if (entries.length === 0) fail('no entries');
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.externalId)) fail(`duplicate id "${e.externalId}"`);
    seen.add(e.externalId);
  }
  return { source, entries };
}
