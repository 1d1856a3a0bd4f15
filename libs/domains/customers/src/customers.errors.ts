import { DomainError } from '@platform/errors';

export type CustomersErrorCode =
  /** No such object in the caller's tenant (another tenant's id answers the same). */
  'customers/not_found';

export class CustomersError extends DomainError<CustomersErrorCode> {}
