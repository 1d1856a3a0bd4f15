import { DomainError } from '@platform/errors';

export type MonitoringErrorCode =
  /** No such object in the caller's tenant (another tenant's id answers the same). */
  'monitoring/not_found';

export class MonitoringError extends DomainError<MonitoringErrorCode> {}
