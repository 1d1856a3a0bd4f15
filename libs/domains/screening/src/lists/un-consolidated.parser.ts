import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { resolveCountryCode } from './country-code.resolver.js';
import type { ListEntryRecord, ParsedList } from './list-entry.js';
import { ListFormatError } from './list-format.error.js';

export const UN_CONSOLIDATED_SOURCE = 'un-consolidated';

/** Elements that may repeat; always read as arrays so one occurrence looks like many. */
const REPEATED = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'NAME_ORIGINAL_SCRIPT',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'NATIONALITY',
  'VALUE',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'INDIVIDUAL_DOCUMENT',
  'DESIGNATION',
  'TITLE',
  'LIST_TYPE',
  'LAST_DAY_UPDATED',
  'INDIVIDUAL_PLACE_OF_BIRTH',
]);

type Node = Record<string, unknown>;

function nodes(value: unknown): Node[] {
  if (!Array.isArray(value)) return value && typeof value === 'object' ? [value as Node] : [];
  return value.filter((v): v is Node => v !== null && typeof v === 'object');
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  return undefined;
}

function texts(value: unknown): string[] {
  const out: string[] = [];
  for (const v of Array.isArray(value) ? value : [value]) {
    const t = text(v);
    if (t) out.push(t);
  }
  return out;
}

function pushUnique(list: string[], value: string | undefined): void {
  if (value && !list.includes(value)) list.push(value);
}

function country(name: string | undefined): string | undefined {
  return name ? (resolveCountryCode(name) ?? name) : undefined;
}

function record(node: Node, isIndividual: boolean): ListEntryRecord {
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(node[k])).filter(Boolean);
  const ref = text(node.REFERENCE_NUMBER);
  const dataId = text(node.DATAID);
  const entry: ListEntryRecord = {
    externalId: ref ?? dataId ?? '',
    entityType: isIndividual ? 'individual' : 'organisation',
    name: parts.join(' ').replace(/\s+/g, ' '),
    aliases: [],
    datesOfBirth: [],
    nationalities: [],
    countries: [],
    identifiers: [],
    programs: texts(node.UN_LIST_TYPE),
  };
  const remarks = text(node.COMMENTS1);
  if (remarks) entry.remarks = remarks;
  for (const original of texts(node.NAME_ORIGINAL_SCRIPT)) entry.aliases.push({ name: original, strength: 'strong' });
  for (const alias of nodes(node[isIndividual ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS'])) {
    const name = text(alias.ALIAS_NAME);
    if (!name || entry.aliases.some((a) => a.name === name)) continue;
    const quality = (text(alias.QUALITY) ?? '').toLowerCase();
    entry.aliases.push({ name, strength: quality === 'low' ? 'weak' : 'strong' });
  }
  for (const dob of nodes(node.INDIVIDUAL_DATE_OF_BIRTH)) {
    const date = text(dob.DATE);
    if (date && /^\d{4}-\d{2}-\d{2}/.test(date)) pushUnique(entry.datesOfBirth, date.slice(0, 10));
    const year = text(dob.YEAR);
    if (year && /^\d{4}$/.test(year)) pushUnique(entry.datesOfBirth, year);
    const from = Number(text(dob.FROM_YEAR));
    const to = Number(text(dob.TO_YEAR));
    if (Number.isInteger(from) && Number.isInteger(to) && from > 1800 && to >= from && to - from <= 10) {
      for (let y = from; y <= to; y++) pushUnique(entry.datesOfBirth, String(y));
    }
  }
  for (const nationality of nodes(node.NATIONALITY)) {
    for (const v of texts(nationality.VALUE)) pushUnique(entry.nationalities, country(v));
  }
  for (const address of nodes(node[isIndividual ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS'])) {
    pushUnique(entry.countries, country(text(address.COUNTRY)));
  }
  for (const doc of nodes(node.INDIVIDUAL_DOCUMENT)) {
    const number = text(doc.NUMBER);
    if (!number) continue;
    const issuer = country(text(doc.ISSUING_COUNTRY) ?? text(doc.COUNTRY_OF_ISSUE));
    const type = text(doc.TYPE_OF_DOCUMENT) ?? 'Document';
    entry.identifiers.push(issuer ? { type, value: number, country: issuer } : { type, value: number });
  }
  return entry;
}

/**
 * Parses the UN Security Council Consolidated List XML (root CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES):
 * names from FIRST..FOURTH_NAME, NAME_ORIGINAL_SCRIPT as strong aliases, aliases with QUALITY "Low" as weak,
 * dates of birth (exact, year, or year range), nationalities, address countries and documents.
 * Throws ListFormatError on malformed or truncated XML, a wrong root, or no entries.
 */
export function parseUnConsolidated(xml: string): ParsedList {
  if (typeof xml !== 'string' || xml.trim().length === 0) throw new ListFormatError('empty file');
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new ListFormatError(`malformed XML: ${validation.err.msg}`, validation.err.line);
  }
  let doc: Node;
  try {
    doc = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: true,
      processEntities: true,
      isArray: (name) => REPEATED.has(name),
    }).parse(xml) as Node;
  } catch (error) {
    throw new ListFormatError(`malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = doc.CONSOLIDATED_LIST;
  if (root === undefined) {
    const found = Object.keys(doc).filter((k) => !k.startsWith('?'));
    throw new ListFormatError(`root element must be CONSOLIDATED_LIST, found ${found.join(', ') || 'none'}`);
  }
  const list = (root && typeof root === 'object' ? root : {}) as Node;
  if (!('INDIVIDUALS' in list) && !('ENTITIES' in list)) {
    throw new ListFormatError('CONSOLIDATED_LIST has neither INDIVIDUALS nor ENTITIES');
  }
  const entries: ListEntryRecord[] = [];
  for (const holder of nodes(list.INDIVIDUALS)) for (const n of nodes(holder.INDIVIDUAL)) entries.push(record(n, true));
  for (const holder of nodes(list.ENTITIES)) for (const n of nodes(holder.ENTITY)) entries.push(record(n, false));
  if (entries.length === 0) throw new ListFormatError('no entries');
  entries.forEach((e, i) => {
    if (!e.externalId) throw new ListFormatError(`entry ${i + 1} has neither REFERENCE_NUMBER nor DATAID`);
    if (!e.name) throw new ListFormatError(`entry ${e.externalId} has no name`);
  });
  return { source: UN_CONSOLIDATED_SOURCE, entries };
}
