import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { TenantContext, TransactionRunner } from '@platform/database';
import { AuditLedger, type AuditPayload } from '@domains/audit';
import { IdentityError } from '../identity.errors.js';
import { AuthService, type SignInOutcome } from '../session/auth.service.js';
import type { TenantEntity } from '../tenant/tenant.entity.js';
import { TenantRepository } from '../tenant/tenant.repository.js';
import type { UserEntity } from '../user/user.entity.js';
import { UserRepository } from '../user/user.repository.js';
import {
  OidcClient,
  OidcProtocolFailure,
  type OidcIdentity,
  type OidcProtocolFailureReason,
  type OidcStart,
} from './oidc.client.js';

/** Why an OIDC sign-in was refused, as the audit ledger records it. */
export type OidcSignInFailureReason =
  | OidcProtocolFailureReason
  /** OIDC_TENANT names no tenant (a configuration mistake; logged, as there is no ledger to write to). */
  | 'tenant_not_found'
  /** The provider vouched for no email address. */
  | 'email_missing'
  /** The provider did not say the email address is verified (`email_verified` is not `true`). */
  | 'email_unverified'
  /** No user of OIDC_TENANT has that email: sign-in never creates users. */
  | 'unknown_email'
  | 'disabled'
  /** The password was guessed wrong too often: the account is locked for every sign-in method until it expires. */
  | 'account_locked';

/**
 * What the browser is told, as `/sign-in?error=<code>`: coarse on purpose, the details are in the ledger and the log.
 */
export type OidcSignInErrorCode =
  /** Single sign-on is not configured, or the provider could not be reached. */
  | 'oidc_unavailable'
  /** The attempt expired (10 minutes), was already used, or came from another browser: start again. */
  | 'oidc_expired'
  /** The provider did not sign the person in (e.g. they cancelled). */
  | 'oidc_cancelled'
  /** The provider's answer failed validation. */
  | 'oidc_failed'
  /** There is no enabled Verity user for the verified email address the provider gave. */
  | 'oidc_no_account'
  /** Too many failed password sign-ins: the account is locked for a while. */
  | 'account_locked';

const ERROR_CODE_OF_REASON: Record<OidcSignInFailureReason, OidcSignInErrorCode> = {
  not_configured: 'oidc_unavailable',
  provider_unavailable: 'oidc_unavailable',
  tenant_not_found: 'oidc_unavailable',
  state_invalid: 'oidc_expired',
  state_mismatch: 'oidc_expired',
  provider_error: 'oidc_cancelled',
  response_invalid: 'oidc_failed',
  email_missing: 'oidc_no_account',
  email_unverified: 'oidc_no_account',
  unknown_email: 'oidc_no_account',
  disabled: 'oidc_no_account',
  account_locked: 'account_locked',
};

/** The code the browser is sent back with for a refused OIDC sign-in (see OidcSignInErrorCode). */
export function oidcErrorCodeOf(error: unknown): OidcSignInErrorCode {
  if (error instanceof IdentityError && error.code === 'identity/oidc_sign_in_refused') {
    const reason = error.details?.reason as OidcSignInFailureReason | undefined;
    if (reason && reason in ERROR_CODE_OF_REASON) return ERROR_CODE_OF_REASON[reason];
  }
  return 'oidc_failed';
}

/** `amr` values (RFC 8176) that mean the provider itself verified a second factor. */
const MFA_METHODS = new Set(['mfa', 'otp', 'hwk', 'swk']);

/** The attempt, as recorded: an unauthenticated party is not an actor we can name, so the sign-in flow is. */
const SIGN_IN_ACTOR = { type: 'system', id: 'sign-in' } as const;

export interface OidcCallback {
  /** The query string the provider sent the browser back with. */
  readonly query: URLSearchParams;
  /** The sealed state cookie of this browser's attempt, if it sent one. */
  readonly sealedState: string | undefined;
  readonly userAgent?: string;
}

/**
 * Sign-in through the installation's OpenID Connect provider: the provider proves who the person is, Verity decides
 * whether they may enter. Only an existing, enabled user of OIDC_TENANT whose email the provider has verified gets a
 * session; roles stay managed in Verity, so nobody is created or changed here.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger(OidcSignInService.name);

  constructor(
    private readonly client: OidcClient,
    private readonly tenants: TenantRepository,
    private readonly users: UserRepository,
    private readonly auth: AuthService,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  /** Whether the sign-in page shows the single sign-on button, and its label. */
  status(): { enabled: boolean; displayName: string | null } {
    return { enabled: this.client.enabled, displayName: this.client.settings?.displayName ?? null };
  }

  /** The provider's authorization URL and the sealed state for the cookie; 404 when OIDC is not configured. */
  async start(): Promise<OidcStart> {
    if (!this.client.enabled) {
      throw new IdentityError('identity/oidc_not_configured', 'not_found', 'Single sign-on is not configured');
    }
    try {
      return await this.client.start();
    } catch (error) {
      throw refused(error instanceof OidcProtocolFailure ? error.reason : 'provider_unavailable');
    }
  }

  /**
   * Completes the sign-in from the provider's answer: a session, or, when the user has TOTP enrolled and the provider
   * reports no MFA of its own, the TOTP challenge of the password sign-in (no session until the code is given). Every
   * refusal is recorded in OIDC_TENANT's ledger with its reason and thrown as `identity/oidc_sign_in_refused`
   * (details.reason; see oidcErrorCodeOf for the browser's code).
   */
  async complete(callback: OidcCallback): Promise<SignInOutcome> {
    const settings = this.client.settings;
    if (!settings) {
      throw new IdentityError('identity/oidc_not_configured', 'not_found', 'Single sign-on is not configured');
    }
    const tenant = await this.tenants.findBySlug(settings.tenant);
    if (!tenant) {
      this.logger.error(`OIDC_TENANT "${settings.tenant}" names no tenant: every OIDC sign-in is refused`);
      throw refused('tenant_not_found');
    }
    // From here on the request acts as OIDC_TENANT (row-level security).
    TenantContext.assign(tenant.id);
    const evidence: Record<string, AuditPayload> = { method: 'oidc', issuer: settings.issuerIdentifier };
    let identity: OidcIdentity;
    try {
      identity = await this.client.complete(callback.query, callback.sealedState);
    } catch (error) {
      const failure =
        error instanceof OidcProtocolFailure
          ? error
          : new OidcProtocolFailure('provider_unavailable', 'The OIDC provider could not be reached');
      await this.recordFailure(tenant, null, failure.reason, {
        ...evidence,
        ...(failure.providerError ? { providerError: failure.providerError.slice(0, 100) } : {}),
      });
      throw refused(failure.reason);
    }
    evidence.issuer = identity.issuer;
    evidence.subject = identity.subject;

    const email = identity.email?.trim().toLowerCase();
    if (!email) return this.refuse(tenant, null, 'email_missing', evidence);
    // Only an address the provider checked is proof of who someone is; an unverified one could be anybody's.
    if (identity.emailVerified !== true) return this.refuse(tenant, null, 'email_unverified', evidence, email);
    const user = await this.users.findByEmail(tenant.id, email);
    if (!user) return this.refuse(tenant, null, 'unknown_email', evidence, email);
    if (user.disabledAt) return this.refuse(tenant, user, 'disabled', evidence);
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      return this.refuse(tenant, user, 'account_locked', { ...evidence, lockedUntil: user.lockedUntil.toISOString() });
    }
    return this.auth.continueSignIn(tenant, user, {
      method: 'oidc',
      mfaSatisfied: identity.amr.some((method) => MFA_METHODS.has(method)),
      userAgent: callback.userAgent,
      evidence: { ...evidence, amr: [...identity.amr] },
    });
  }

  private async refuse(
    tenant: TenantEntity,
    user: UserEntity | null,
    reason: OidcSignInFailureReason,
    evidence: Record<string, AuditPayload>,
    email?: string,
  ): Promise<never> {
    // A mistyped or foreign address is often someone else's: recorded hashed, as the password sign-in does.
    const emailSha256 = email ? createHash('sha256').update(email).digest('hex') : undefined;
    await this.recordFailure(tenant, user, reason, emailSha256 ? { ...evidence, emailSha256 } : evidence);
    throw refused(reason);
  }

  private async recordFailure(
    tenant: TenantEntity,
    user: UserEntity | null,
    reason: OidcSignInFailureReason,
    details: Record<string, AuditPayload>,
  ): Promise<void> {
    await this.transactions.run(
      (tx) =>
        this.ledger.record(tx, {
          tenantId: tenant.id,
          actor: SIGN_IN_ACTOR,
          action: 'identity.sign_in.failed',
          subject: user ? { type: 'user', id: user.id } : { type: 'tenant', id: tenant.id },
          payload: { reason, ...details },
        }),
      { tenantId: tenant.id },
    );
  }
}

function refused(reason: OidcSignInFailureReason): IdentityError {
  return new IdentityError('identity/oidc_sign_in_refused', 'unauthenticated', 'Single sign-on was refused', {
    reason,
  });
}
