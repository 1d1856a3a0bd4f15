import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '@platform/config';
import { TenantContext, TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditPayload } from '@domains/audit';
import { IdentityError } from '../identity.errors.js';
import { isRole } from '../identity.permissions.js';
import { TenantRepository } from '../tenant/tenant.repository.js';
import type { TenantEntity } from '../tenant/tenant.entity.js';
import { PasswordHasher } from '../user/password.hasher.js';
import type { UserEntity } from '../user/user.entity.js';
import { UserRepository } from '../user/user.repository.js';
import { TotpService } from '../user/totp/totp.service.js';
import type { Principal, UserPrincipal } from './principal.js';
import { SessionRepository } from './session.repository.js';
import { SignInChallengeRepository } from './sign-in-challenge.repository.js';

export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MINUTES = 15;
/** A sign-in challenge (the TOTP step) lives this long, and dies after this many wrong codes. */
export const SIGN_IN_CHALLENGE_MINUTES = 5;
export const SIGN_IN_CHALLENGE_MAX_FAILURES = 5;
/** Sessions are touched at most this often, so a busy UI does not write on every request. */
const TOUCH_EVERY_MS = 30_000;

export interface SignInCommand {
  readonly tenant: string;
  readonly email: string;
  readonly password: string;
  readonly userAgent?: string;
}

export interface SignInResult {
  /** The secret for the cookie; only its hash is stored. */
  readonly token: string;
  readonly principal: UserPrincipal;
  readonly tenant: TenantEntity;
}

/** The first factor was right and the user has TOTP enrolled: the client must send a code with this challenge. */
export interface MfaChallengeResult {
  readonly status: 'mfa_required';
  /** Opaque, single use; only its SHA-256 is stored. */
  readonly challenge: string;
  readonly expiresAt: Date;
}

/** What a sign-in leads to: a session, or the TOTP step first. */
export type SignInOutcome = ({ readonly status: 'signed_in' } & SignInResult) | MfaChallengeResult;

export interface TotpSignInCommand {
  readonly challenge: string;
  readonly code: string;
  readonly userAgent?: string;
}

/** How a user proved who they are when a session is issued (see `AuthService.issueSession`). */
export interface SessionIssuance {
  readonly method: 'password' | 'oidc' | 'totp';
  /** Whether a second factor (TOTP, or an MFA claim from the OIDC provider) was verified for this sign-in. */
  readonly mfaSatisfied: boolean;
  readonly userAgent?: string;
  /** More facts for the ledger entry of the sign-in, e.g. the OIDC issuer and subject; the standard fields win. */
  readonly evidence?: Record<string, AuditPayload>;
}

export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Why a sign-in failed, as the audit ledger records it (the caller only ever learns "invalid credentials"). */
type SignInFailureReason =
  'unknown_email' | 'no_password' | 'disabled' | 'account_locked' | 'wrong_password' | 'wrong_totp';

/** The attempt, as recorded: an unauthenticated party is not an actor we can name, so the sign-in flow is. */
const SIGN_IN_ACTOR = { type: 'system', id: 'sign-in' } as const;

@Injectable()
export class AuthService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    private readonly ledger: AuditLedger,
    private readonly totp: TotpService,
    private readonly challenges: SignInChallengeRepository,
  ) {}

  /** Every sign-in creates a new session with a fresh token, so a token planted before sign-in is never promoted. */
  async signIn(command: SignInCommand): Promise<SignInOutcome> {
    const tenant = await this.tenants.findBySlug(command.tenant.trim().toLowerCase());
    // From here on the request acts as the tenant named at sign-in (row-level security).
    if (tenant) TenantContext.assign(tenant.id);
    const email = command.email.trim().toLowerCase();
    const user = tenant ? await this.users.findByEmail(tenant.id, email) : null;
    if (!tenant || !user || !user.passwordHash || user.disabledAt) {
      await this.hasher.verifyNothing(command.password);
      // An unknown tenant has no ledger to write to; an unknown email is recorded against the tenant, hashed, because
      // a mistyped address is often someone else's.
      if (tenant) {
        if (user) {
          await this.transactions.run((tx) =>
            this.recordFailure(tx, tenant.id, user.id, user.disabledAt ? 'disabled' : 'no_password', {}),
          );
        } else {
          // Nothing else changes: the entry is the whole event, group-committed with other tries of the moment (a
          // credential-stuffing run is many of them).
          await this.ledger.append({
            tenantId: tenant.id,
            actor: SIGN_IN_ACTOR,
            action: 'identity.sign_in.failed',
            subject: { type: 'tenant', id: tenant.id },
            payload: {
              reason: 'unknown_email' satisfies SignInFailureReason,
              emailSha256: createHash('sha256').update(email).digest('hex'),
            },
          });
        }
      }
      throw new IdentityError('identity/invalid_credentials', 'unauthenticated', 'Wrong tenant, email or password');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      const lockedUntil = user.lockedUntil;
      await this.transactions.run((tx) =>
        this.recordFailure(tx, tenant.id, user.id, 'account_locked', { lockedUntil: lockedUntil.toISOString() }),
      );
      throw new IdentityError(
        'identity/account_locked',
        'rate_limited',
        `Too many failed sign-ins; try again after ${user.lockedUntil.toISOString()}`,
      );
    }
    if (!(await this.hasher.verify(user.passwordHash, command.password))) {
      // The counter and its audit entry commit together: no failure is counted without being recorded, or the reverse.
      await this.transactions.run(async (tx) => {
        const failures = await this.users.recordFailedSignIn(
          tx,
          tenant.id,
          user.id,
          LOCKOUT_THRESHOLD,
          LOCKOUT_MINUTES,
        );
        await this.recordFailure(tx, tenant.id, user.id, 'wrong_password', {
          failedSignIns: failures,
          locked: failures >= LOCKOUT_THRESHOLD,
        });
      });
      throw new IdentityError('identity/invalid_credentials', 'unauthenticated', 'Wrong tenant, email or password');
    }
    return this.continueSignIn(tenant, user, {
      method: 'password',
      mfaSatisfied: false,
      userAgent: command.userAgent,
    });
  }

  /**
   * After a first factor (password, OIDC) proved who the user is: a user with TOTP enrolled gets a challenge for the
   * second step, unless the first factor already included MFA; anyone else gets a session at once.
   */
  async continueSignIn(tenant: TenantEntity, user: UserEntity, how: SessionIssuance): Promise<SignInOutcome> {
    if (how.mfaSatisfied || !(await this.totp.isEnrolled(tenant.id, user.id))) {
      return { status: 'signed_in', ...(await this.issueSession(tenant, user, how)) };
    }
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SIGN_IN_CHALLENGE_MINUTES * 60_000);
    await this.transactions.run(
      async (tx) => {
        const created = await this.challenges.create(tx, {
          tokenHash: hashSessionToken(challenge),
          tenantId: tenant.id,
          userId: user.id,
          firstFactor: how.method,
          userAgent: how.userAgent?.slice(0, 512) ?? null,
          expiresAt,
        });
        await this.ledger.record(tx, {
          tenantId: tenant.id,
          actor: SIGN_IN_ACTOR,
          action: 'identity.sign_in.mfa_challenged',
          subject: { type: 'user', id: user.id },
          payload: {
            ...how.evidence,
            challengeId: created.id,
            firstFactor: how.method,
            expiresAt: expiresAt.toISOString(),
          },
        });
      },
      { tenantId: tenant.id },
    );
    return { status: 'mfa_required', challenge, expiresAt };
  }

  /**
   * The second step: a TOTP code for a challenge. A wrong code counts toward the account lockout like a wrong
   * password, and toward the challenge's own limit; a code already used (same time step) is refused.
   */
  async completeTotpSignIn(command: TotpSignInCommand): Promise<SignInResult> {
    const invalid = (): IdentityError =>
      new IdentityError(
        'identity/mfa_challenge_invalid',
        'unauthenticated',
        'The sign-in challenge is unknown, expired, used or had too many wrong codes: sign in again',
      );
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(command.challenge)) throw invalid();
    const tokenHash = hashSessionToken(command.challenge);
    const tenantId = await this.challenges.tenantOfToken(tokenHash);
    // The challenge names the tenant (a SECURITY DEFINER lookup); from here on the request acts as that tenant.
    if (tenantId) TenantContext.assign(tenantId);
    const challenge = tenantId
      ? await this.transactions.run((tx) => this.challenges.findOpen(tx, tokenHash, SIGN_IN_CHALLENGE_MAX_FAILURES), {
          tenantId,
        })
      : null;
    if (!challenge) throw invalid();
    const tenant = await this.tenants.findById(challenge.tenantId);
    const user = tenant ? await this.users.findById(tenant.id, challenge.userId) : null;
    if (!tenant || !user || user.disabledAt) throw invalid();
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      const lockedUntil = user.lockedUntil;
      await this.transactions.run(
        (tx) =>
          this.recordFailure(tx, tenant.id, user.id, 'account_locked', { lockedUntil: lockedUntil.toISOString() }),
        { tenantId: tenant.id },
      );
      throw new IdentityError(
        'identity/account_locked',
        'rate_limited',
        `Too many failed sign-ins; try again after ${lockedUntil.toISOString()}`,
      );
    }
    const outcome = await this.transactions.run(
      async (tx) => {
        const check = await this.totp.checkAndUse(tx, tenant.id, user.id, command.code);
        if (check === 'ok') {
          // Single use even under a race: the second request finds the challenge consumed and rolls back.
          if (!(await this.challenges.consume(tx, challenge.id))) throw invalid();
          return 'ok' as const;
        }
        if (check === 'not_enrolled') throw invalid();
        const failures = await this.users.recordFailedSignIn(
          tx,
          tenant.id,
          user.id,
          LOCKOUT_THRESHOLD,
          LOCKOUT_MINUTES,
        );
        const challengeFailures = await this.challenges.recordFailure(tx, challenge.id);
        await this.recordFailure(tx, tenant.id, user.id, 'wrong_totp', {
          replayed: check === 'replayed',
          challengeId: challenge.id,
          challengeFailures,
          failedSignIns: failures,
          locked: failures >= LOCKOUT_THRESHOLD,
        });
        return 'wrong' as const;
      },
      { tenantId: tenant.id },
    );
    if (outcome === 'wrong') {
      throw new IdentityError('identity/invalid_totp_code', 'unauthenticated', 'Wrong or already used code');
    }
    return this.issueSession(tenant, user, {
      method: 'totp',
      mfaSatisfied: true,
      userAgent: challenge.userAgent ?? command.userAgent,
    });
  }

  /**
   * Creates a session for a user whose identity has been established (password, OIDC, TOTP second step): a fresh token
   * (so a token planted before sign-in is never promoted), the failure counter reset, the success audited, in one
   * transaction. Callers must have verified the user is enabled and not locked.
   */
  async issueSession(tenant: TenantEntity, user: UserEntity, how: SessionIssuance): Promise<SignInResult> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.values.SESSION_ABSOLUTE_HOURS * 3_600_000);
    const userAgent = how.userAgent?.slice(0, 512) ?? null;
    const session = await this.transactions.run(async (tx) => {
      await this.users.resetFailedSignIns(tx, tenant.id, user.id);
      const created = await this.sessions.create(tx, {
        tokenHash: hashSessionToken(token),
        tenantId: tenant.id,
        userId: user.id,
        csrfToken,
        expiresAt,
        userAgent,
        authMethod: how.method,
        mfaSatisfied: how.mfaSatisfied,
      });
      await this.ledger.record(tx, {
        tenantId: tenant.id,
        actor: { type: 'user', id: user.id },
        action: 'identity.sign_in.succeeded',
        subject: { type: 'user', id: user.id },
        payload: {
          ...how.evidence,
          sessionId: created.id,
          method: how.method,
          mfaSatisfied: how.mfaSatisfied,
          userAgent,
          expiresAt: expiresAt.toISOString(),
        },
      });
      return created;
    });
    return {
      token,
      tenant,
      principal: {
        kind: 'user',
        tenantId: tenant.id,
        userId: user.id,
        sessionId: session.id,
        csrfToken,
        roles: user.roles.filter(isRole),
        email: user.email,
        displayName: user.displayName,
        expiresAt,
        idleExpiresAt: this.idleExpiry(new Date()),
        reauthenticatedAt: session.reauthenticatedAt,
        mfa: {
          required: this.totp.isRequiredFor(user.roles.filter(isRole)),
          enrolled: how.mfaSatisfied || (await this.totp.isEnrolled(tenant.id, user.id)),
          satisfied: how.mfaSatisfied,
        },
      },
    };
  }

  /** The principal behind a session token, or null when it is unknown, revoked, idle or expired. */
  async authenticate(token: string): Promise<UserPrincipal | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    // The token names the tenant (a SECURITY DEFINER lookup); the session itself is then read as that tenant.
    const tokenHash = hashSessionToken(token);
    const tenantId = await this.sessions.tenantOfToken(tokenHash);
    if (!tenantId) return null;
    TenantContext.assign(tenantId);
    const session = await this.sessions.findActive(tokenHash, this.config.values.SESSION_IDLE_MINUTES);
    if (!session) return null;
    let lastSeen = session.lastSeenAt;
    if (Date.now() - lastSeen.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(session.id);
      lastSeen = new Date();
    }
    return {
      kind: 'user',
      tenantId: session.tenantId,
      userId: session.userId,
      sessionId: session.id,
      csrfToken: session.csrfToken,
      roles: session.roles.filter(isRole),
      email: session.email,
      displayName: session.displayName,
      expiresAt: session.expiresAt,
      idleExpiresAt: this.idleExpiry(lastSeen),
      reauthenticatedAt: session.reauthenticatedAt,
      mfa: {
        required: this.totp.isRequiredFor(session.roles.filter(isRole)),
        enrolled: session.mfaEnrolled,
        satisfied: session.mfaSatisfied,
      },
    };
  }

  /** Revokes the session and records it, in one transaction; signing out twice records once. */
  async signOut(token: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const revoked = await this.sessions.revoke(tx, hashSessionToken(token));
      if (!revoked) return;
      await this.ledger.record(tx, {
        tenantId: revoked.tenantId,
        actor: { type: 'user', id: revoked.userId },
        action: 'identity.sign_out.succeeded',
        subject: { type: 'user', id: revoked.userId },
        payload: { sessionId: revoked.id },
      });
    });
  }

  tenantOf(principal: Principal): Promise<TenantEntity | null> {
    return this.tenants.findById(principal.tenantId);
  }

  private async recordFailure(
    tx: Tx,
    tenantId: string,
    userId: string,
    reason: SignInFailureReason,
    details: Record<string, AuditPayload>,
  ): Promise<void> {
    await this.ledger.record(tx, {
      tenantId,
      actor: SIGN_IN_ACTOR,
      action: 'identity.sign_in.failed',
      subject: { type: 'user', id: userId },
      payload: { reason, ...details },
    });
  }

  private idleExpiry(lastSeen: Date): Date {
    const idle = new Date(lastSeen.getTime() + this.config.values.SESSION_IDLE_MINUTES * 60_000);
    return idle;
  }
}
