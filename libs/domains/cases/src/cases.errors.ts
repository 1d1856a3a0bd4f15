import { DomainError } from '@platform/errors';

export type CasesErrorCode =
  /** No alert with that id in the caller's tenant. */
  | 'cases/alert_not_found'
  /** No case with that id in the caller's tenant. */
  | 'cases/case_not_found';

export class CasesError extends DomainError<CasesErrorCode> {}
