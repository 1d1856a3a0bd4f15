import { resolveCountryCode } from './country-code.resolver.js';
import type { ListEntityType, ListEntryRecord, ParsedList } from './list-entry.js';
import { readCsvRows } from './list-csv.reader.js';
import { ListFormatError } from './list-format.error.js';

/** The files of OFAC's legacy CSV distribution (no header rows; '-0-' marks an empty field). */
export interface OfacSdnFiles {
  /** sdn.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks. */
  sdn: string;
  /** alt.csv: ent_num, alt_num, alt_type, alt_name, alt_remarks. */
  alt?: string;
  /** add.csv: ent_num, add_num, address, city/state/postal, country, add_remarks. */
  add?: string;
  /** sdn_comments.csv: ent_num, remarks continued. */
  comments?: string;
}

export const OFAC_SDN_SOURCE = 'ofac-sdn';

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** Remark labels that introduce an identifier, longest first so that "Diplomatic Passport" wins over "Passport". */
const IDENTIFIER_LABELS = [
  'Vessel Registration Identification',
  "Aircraft Manufacturer's Serial Number (MSN)",
  'Aircraft Construction Number (also called L/N or S/N or F/N)',
  'Aircraft Construction Number',
  'Business Registration Number',
  'Commercial Registry Number',
  'Electoral Registry No.',
  'Matricula Mercantil No',
  'Folio Mercantil No.',
  'Trade License No.',
  'Registration Number',
  'Registration ID',
  'Identification Number',
  'National ID No.',
  'Personal ID Card',
  'Diplomatic Passport',
  'Passport',
  'Cedula No.',
  'Tax ID No.',
  'Company Number',
  'UK Company Number',
  'Legal Entity Number',
  'D-U-N-S Number',
  'SWIFT/BIC',
  'R.F.C.',
  'C.U.R.P.',
  'D.N.I.',
  'NIT #',
  'RUC #',
  'MMSI',
  'IMO',
  'Italian Fiscal Code',
  "Driver's License No.",
  'Social Security Number',
  'Residency Number',
  'Birth Certificate Number',
  "Citizen's Card Number",
  'Travel Document Number',
  'Public Security and Immigration No.',
  'Stateless Person ID Card',
  'Refugee ID Card',
  'Government Gazette Number',
  'Kenyan ID No.',
  'Chinese Commercial Code',
  'Serial No.',
].sort((a, b) => b.length - a.length);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const IDENTIFIER_RE = new RegExp(`^(?:alt\\. )?(${IDENTIFIER_LABELS.map(escapeRegExp).join('|')})\\s+(.+)$`);
const GENERIC_IDENTIFIER_RE =
  /^(?:alt\. )?([A-Z][A-Za-z'./ -]{1,40}?(?:No\.?|Number|ID|#))\s+([A-Z0-9][^()]*?)\s*(?:\((.+)\))?$/;

function empty(field: string | undefined): boolean {
  return field === undefined || field === '' || field === '-0-';
}

function value(field: string | undefined): string | undefined {
  return empty(field) ? undefined : field;
}

function entityType(raw: string | undefined): ListEntityType {
  switch ((raw ?? '').toLowerCase()) {
    case '':
    case '-0-':
      return 'organisation';
    case 'individual':
      return 'individual';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return 'unknown';
  }
}

/** "LAST, First Middle" → "First Middle LAST" (as published otherwise). */
export function reorderSurnameFirst(name: string): string | undefined {
  const comma = name.indexOf(',');
  if (comma <= 0) return undefined;
  const last = name.slice(0, comma).trim();
  const first = name.slice(comma + 1).trim();
  if (!last || !first || first.includes(',')) return undefined;
  return `${first} ${last}`;
}

/** Dates of birth in a remark value: "12 Jan 1960", "Jan 1960", "1960", "circa 1960", "1960 to 1962". */
function parseDates(text: string): string[] {
  const out: string[] = [];
  const full = /\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})\b/gi;
  let rest = text;
  for (const m of text.matchAll(full)) {
    out.push(`${m[3]}-${MONTHS[m[2].toLowerCase()]}-${m[1].padStart(2, '0')}`);
    rest = rest.replace(m[0], ' ');
  }
  for (const m of rest.matchAll(/\b(1[89]\d{2}|20\d{2})\b/g)) out.push(m[1]);
  return out;
}

interface Draft {
  record: ListEntryRecord;
  remarks: string[];
}

function identifierFrom(segment: string): { type: string; value: string; country?: string } | undefined {
  const known = IDENTIFIER_RE.exec(segment);
  let type: string;
  let rest: string;
  if (known) {
    type = known[1];
    rest = known[2];
  } else {
    const generic = GENERIC_IDENTIFIER_RE.exec(segment);
    if (!generic) return undefined;
    type = generic[1];
    rest = generic[2] + (generic[3] ? ` (${generic[3]})` : '');
  }
  let country: string | undefined;
  const paren = /\(([^)]*)\)/.exec(rest);
  if (paren) {
    country = resolveCountryCode(paren[1]) ?? undefined;
    rest = rest.slice(0, paren.index);
  }
  rest = rest.split(/\s+(?:issued|expires|Issue Date|Expiration Date|Date of Issue)\b/i)[0].trim();
  if (type === 'Vessel Registration Identification') {
    const imo = /^IMO\s+(\S+)/.exec(rest);
    if (imo) return { type: 'IMO', value: imo[1] };
  }
  if (rest.length === 0 || rest.length > 40) return undefined;
  return country ? { type, value: rest, country } : { type, value: rest };
}

function applyRemarks(draft: Draft, remarks: string): void {
  const record = draft.record;
  draft.remarks.push(remarks);
  for (const m of remarks.matchAll(/\b([afn])\.k\.a\.,?\s+'(.+?)'(?=\s*[;.,)]|\s*$)/g)) {
    const name = m[2].trim();
    if (name && !record.aliases.some((a) => a.name === name)) record.aliases.push({ name, strength: 'weak' });
  }
  for (const raw of remarks.split(';')) {
    const segment = raw.trim().replace(/\.$/, '').trim();
    if (!segment) continue;
    const dob = /^(?:alt\. )?DOB\s+(.+)$/.exec(segment);
    if (dob) {
      for (const d of parseDates(dob[1])) if (!record.datesOfBirth.includes(d)) record.datesOfBirth.push(d);
      continue;
    }
    const nationality = /^(?:alt\. )?(?:nationality|citizen)\s+(.+)$/i.exec(segment);
    if (nationality) {
      const code = resolveCountryCode(nationality[1]) ?? nationality[1].trim();
      if (!record.nationalities.includes(code)) record.nationalities.push(code);
      continue;
    }
    const id = identifierFrom(segment);
    if (id && !record.identifiers.some((i) => i.type === id.type && i.value === id.value)) record.identifiers.push(id);
  }
}

function entNum(raw: string, file: string, line: number): string {
  if (!/^\d+$/.test(raw)) throw new ListFormatError(`ent_num "${raw.slice(0, 20)}" is not a number`, line, file);
  return raw;
}

/**
 * Parses OFAC's SDN list in the legacy CSV files. Names, aliases (alt.csv a.k.a./f.k.a./n.k.a. as strong,
 * a.k.a. quoted in remarks as weak), address countries, and from the remarks: dates of birth, nationalities
 * and identifiers. Individuals' "LAST, First" names also get their "First LAST" form as a strong alias.
 * Throws ListFormatError on anything that is not such a list.
 */
export function parseOfacSdn(files: OfacSdnFiles): ParsedList {
  const rows = readCsvRows(files.sdn, 'sdn', 12);
  if (rows.length === 0) throw new ListFormatError('no entries', undefined, 'sdn');
  const drafts = new Map<string, Draft>();
  rows.forEach((row, i) => {
    const id = entNum(row[0], 'sdn', i + 1);
    const name = value(row[1]);
    if (!name) throw new ListFormatError(`entry ${id} has no name`, i + 1, 'sdn');
    if (drafts.has(id)) throw new ListFormatError(`duplicate ent_num ${id}`, i + 1, 'sdn');
    const type = entityType(row[2]);
    const record: ListEntryRecord = {
      externalId: id,
      entityType: type,
      name,
      aliases: [],
      datesOfBirth: [],
      nationalities: [],
      countries: [],
      identifiers: [],
      programs: (value(row[3]) ?? '')
        .split(/\]\s*\[/)
        .map((p) => p.replace(/[[\]]/g, '').trim())
        .filter((p) => p.length > 0),
    };
    if (type === 'individual') {
      const reordered = reorderSurnameFirst(name);
      if (reordered) record.aliases.push({ name: reordered, strength: 'strong' });
    }
    const callSign = value(row[5]);
    if (callSign) record.identifiers.push({ type: 'Call Sign', value: callSign });
    const flag = value(row[9]);
    if (flag) {
      const code = resolveCountryCode(flag);
      if (code) record.countries.push(code);
    }
    const draft: Draft = { record, remarks: [] };
    const remarks = value(row[11]);
    if (remarks) applyRemarks(draft, remarks);
    drafts.set(id, draft);
  });

  if (files.alt !== undefined) {
    readCsvRows(files.alt, 'alt', 5).forEach((row, i) => {
      const draft = drafts.get(entNum(row[0], 'alt', i + 1));
      const name = value(row[3]);
      if (!draft || !name) return;
      if (!draft.record.aliases.some((a) => a.name === name)) draft.record.aliases.push({ name, strength: 'strong' });
    });
  }
  if (files.add !== undefined) {
    readCsvRows(files.add, 'add', 6).forEach((row, i) => {
      const draft = drafts.get(entNum(row[0], 'add', i + 1));
      const country = value(row[4]);
      if (!draft || !country) return;
      const code = resolveCountryCode(country);
      if (code && !draft.record.countries.includes(code)) draft.record.countries.push(code);
    });
  }
  if (files.comments !== undefined) {
    readCsvRows(files.comments, 'comments', 2).forEach((row, i) => {
      const draft = drafts.get(entNum(row[0], 'comments', i + 1));
      const text = value(row[1]);
      if (draft && text) applyRemarks(draft, text);
    });
  }

  const entries: ListEntryRecord[] = [];
  for (const { record, remarks } of drafts.values()) {
    if (remarks.length > 0) record.remarks = remarks.join(' ');
    entries.push(record);
  }
  return { source: OFAC_SDN_SOURCE, entries };
}
