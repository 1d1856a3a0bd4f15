import { DomainError } from '@platform/errors';

export type ScreeningErrorCode =
  /** No such object in the caller's tenant (another tenant's id answers the same). */
  | 'screening/not_found'
  /** The list source in the path is not one of ofac_sdn, un_consolidated, internal_watchlist, pep. */
  | 'screening/list_source_unknown'
  /** The import request lacks a file the source needs (OFAC: `sdn`; UN: `xml`; internal and PEP: `list` and
   * `format`), or names a file the source does not take. */
  | 'screening/import_files_invalid'
  /** An import file is larger than the import limit. */
  | 'screening/import_too_large'
  /** An import of the same list is still running: wait for it to finish (GET .../versions shows its progress). */
  | 'screening/import_in_progress'
  /** The name to check is empty once normalised (blank, only punctuation, zero-width or control characters). */
  | 'screening/name_empty'
  /** The name to check is longer than 10,000 characters. */
  | 'screening/name_too_long'
  /** The hit was already adjudicated: a decision is final (a changed subject or entry makes a new hit). */
  | 'screening/hit_already_adjudicated';

export class ScreeningError extends DomainError<ScreeningErrorCode> {}

/** The one not-found answer of the domain (another tenant's id answers the same). */
export function screeningNotFound(what: string): ScreeningError {
  return new ScreeningError('screening/not_found', 'not_found', `No such ${what} in your tenant`);
}
