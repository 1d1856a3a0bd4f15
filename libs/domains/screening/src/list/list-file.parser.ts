import type { ParsedList } from '../lists/list-entry.js';
import { parseInternalList } from '../lists/internal-list.parser.js';
import { parseOfacSdn } from '../lists/ofac-sdn.parser.js';
import { parseUnConsolidated } from '../lists/un-consolidated.parser.js';
import type { ListImportFiles } from './screening-list-version.entity.js';
import type { ListSource } from './screening-list.entity.js';

/** The files each source takes; the first is required. */
export const LIST_FILES: Readonly<Record<ListSource, readonly string[]>> = {
  ofac_sdn: ['sdn', 'alt', 'add', 'comments'],
  un_consolidated: ['xml'],
  internal_watchlist: ['list'],
  pep: ['list'],
};

/** Display names of the lists a tenant gets on first import. */
export const LIST_NAMES: Readonly<Record<ListSource, string>> = {
  ofac_sdn: 'OFAC Specially Designated Nationals (SDN)',
  un_consolidated: 'UN Security Council Consolidated List',
  internal_watchlist: 'Internal watchlist',
  pep: 'Politically exposed persons',
};

/** Parses an import's files with the source's parser (H1's parsers throw ListFormatError on malformed input). */
export function parseListFiles(source: ListSource, files: ListImportFiles, format: string | null): ParsedList {
  switch (source) {
    case 'ofac_sdn':
      return parseOfacSdn({ sdn: files.sdn ?? '', alt: files.alt, add: files.add, comments: files.comments });
    case 'un_consolidated':
      return parseUnConsolidated(files.xml ?? '');
    case 'internal_watchlist':
    case 'pep':
      return parseInternalList(files.list ?? '', format === 'json' ? 'json' : 'csv', source);
  }
}
