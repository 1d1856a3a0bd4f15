import { DomainError } from '@platform/errors';

export type IdentityErrorCode =
  /** Tenant, email or password is wrong; deliberately does not say which. */
  | 'identity/invalid_credentials'
  /** Too many failed sign-ins: the account is locked for a while. */
  | 'identity/account_locked'
  /** No valid session or key was presented (or it expired or was revoked). */
  | 'identity/unauthenticated'
  /** The principal lacks the permission the route declares. */
  | 'identity/forbidden'
  /** A cookie-authenticated change came without the session's X-CSRF-Token. */
  | 'identity/csrf_token_invalid'
  /** No tenant has the given slug. */
  | 'identity/tenant_not_found'
  /** The role named is not one of ROLES. */
  | 'identity/invalid_role'
  /** The text given as an API key does not have the key format. */
  | 'identity/invalid_api_key'
  /** No active API key with that id in the caller's tenant. */
  | 'identity/api_key_not_found'
  /** The API key made more requests this minute than its limit allows. */
  | 'identity/rate_limited';

export class IdentityError extends DomainError<IdentityErrorCode> {}
