/**
 * What kind of failure a domain error is. Services say what went wrong in domain terms; the HTTP layer
 * (and only it) maps a kind to a status code, because the worker runs the same services without HTTP.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

/**
 * Base of every domain error. `code` is stable (`<domain>/<snake_case>`), documented where the domain
 * declares its codes, and is what API clients branch on; `message` is for people.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Platform-level error codes, raised by the plumbing rather than by a domain. */
export type PlatformErrorCode =
  /** The database is not reachable yet; the request can be retried. */
  | 'platform/database_unavailable'
  /** The queue backend is not reachable yet. */
  | 'platform/queue_unavailable';

export class PlatformError extends DomainError<PlatformErrorCode> {}
