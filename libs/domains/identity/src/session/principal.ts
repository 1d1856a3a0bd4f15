import type { Role } from '../identity.permissions.js';

/** A signed-in person, authenticated by the session cookie. */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly tenantId: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly roles: readonly Role[];
  readonly email: string;
  readonly displayName: string;
  readonly expiresAt: Date;
  readonly idleExpiresAt: Date;
  /** Sign-in or the last password/TOTP re-entry: approvals require one within the last few minutes. */
  readonly reauthenticatedAt: Date;
  /**
   * Multi-factor state: `required` by the user's roles (MFA_REQUIRED_ROLES), `enrolled` when the user has a confirmed
   * TOTP authenticator, `satisfied` when a code was verified in this session. A session that requires MFA without
   * satisfying it is limited to enrolment (the AccessGuard refuses everything else).
   */
  readonly mfa: { readonly required: boolean; readonly enrolled: boolean; readonly satisfied: boolean };
}

/** A payment provider's system, authenticated by `Authorization: Bearer <API key>`. */
export interface KeyPrincipal {
  readonly kind: 'key';
  readonly tenantId: string;
  readonly keyId: string;
  readonly keyName: string;
  readonly roles: readonly Role[];
}

/** Who is calling. */
export type Principal = UserPrincipal | KeyPrincipal;

/** The id an audit entry names as the actor. */
export function actorOf(principal: Principal): { type: 'user' | 'key'; id: string } {
  return principal.kind === 'user' ? { type: 'user', id: principal.userId } : { type: 'key', id: principal.keyId };
}
