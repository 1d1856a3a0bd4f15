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
  /** API keys cannot hold a role that requires MFA (MFA_REQUIRED_ROLES): a bearer secret has no second factor. */
  | 'identity/api_key_role_not_allowed'
  /** The API key made more requests this minute than its limit allows. */
  | 'identity/rate_limited'
  /** No user with that id in the caller's tenant. */
  | 'identity/user_not_found'
  /** The tenant already has a user with that email address. */
  | 'identity/user_exists'
  /** The invitation token is unknown, already used, expired, or its user was disabled meanwhile. */
  | 'identity/invitation_invalid'
  /** An admin tried to disable their own account (another admin must do it, so a tenant keeps an admin). */
  | 'identity/cannot_disable_self'
  /** The requested roles are the user's roles already: there is nothing to approve. */
  | 'identity/roles_unchanged'
  /** The user is disabled: enable them before changing their roles. */
  | 'identity/user_disabled'
  /** Single sign-on (OIDC) is not configured on this installation (OIDC_ISSUER is unset). */
  | 'identity/oidc_not_configured'
  /**
   * An OIDC sign-in was refused (details.reason, recorded in the ledger); the browser is sent to
   * `/sign-in?error=<code>` rather than shown this problem.
   */
  | 'identity/oidc_sign_in_refused';

/** Codes of the password and multi-factor rules (kept apart so parallel edits of the list above do not collide). */
export type IdentityMfaErrorCode =
  /** The new password breaks the password rules (NIST SP 800-63B); `errors` lists every rule it breaks. */
  | 'identity/password_rejected'
  /**
   * The user's roles require TOTP multi-factor authentication and this session has not completed it: only the
   * enrolment routes (`/v1/auth/mfa/totp/setup`, `/confirm`), `GET /v1/auth/session`, re-authentication and
   * sign-out are open until then.
   */
  | 'identity/mfa_enrollment_required'
  /** The sign-in challenge is unknown, expired, already used, or had too many wrong codes: sign in again. */
  | 'identity/mfa_challenge_invalid'
  /** The TOTP code is wrong, or was already used (a code is accepted once). */
  | 'identity/invalid_totp_code'
  /** The password or code entered to confirm who you are (re-authentication, password change) is wrong. */
  | 'identity/reauthentication_failed'
  /** Re-authentication needs exactly one factor: the TOTP code when TOTP is enrolled, otherwise the password. */
  | 'identity/reauthentication_factor_mismatch'
  /** TOTP is already enrolled; an admin must reset it before a new authenticator can be set up. */
  | 'identity/mfa_already_enrolled'
  /** There is no pending TOTP setup to confirm: call setup first. */
  | 'identity/mfa_setup_not_started';

export class IdentityError extends DomainError<IdentityErrorCode | IdentityMfaErrorCode> {}
