import { DomainError } from '@platform/errors';

export type ScreeningErrorCode =
  /** No such object in the caller's tenant (another tenant's id answers the same). */
  'screening/not_found';

export class ScreeningError extends DomainError<ScreeningErrorCode> {}
