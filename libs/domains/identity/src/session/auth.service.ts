import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '@platform/config';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditPayload } from '@domains/audit';
import { IdentityError } from '../identity.errors.js';
import { isRole } from '../identity.permissions.js';
import { TenantRepository } from '../tenant/tenant.repository.js';
import type { TenantEntity } from '../tenant/tenant.entity.js';
import { PasswordHasher } from '../user/password.hasher.js';
import { UserRepository } from '../user/user.repository.js';
import type { Principal, UserPrincipal } from './principal.js';
import { SessionRepository } from './session.repository.js';

export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MINUTES = 15;
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

export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Why a sign-in failed, as the audit ledger records it (the caller only ever learns "invalid credentials"). */
type SignInFailureReason = 'unknown_email' | 'no_password' | 'disabled' | 'account_locked' | 'wrong_password';

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
  ) {}

  /** Every sign-in creates a new session with a fresh token, so a token planted before sign-in is never promoted. */
  async signIn(command: SignInCommand): Promise<SignInResult> {
    const tenant = await this.tenants.findBySlug(command.tenant.trim().toLowerCase());
    const email = command.email.trim().toLowerCase();
    const user = tenant ? await this.users.findByEmail(tenant.id, email) : null;
    if (!tenant || !user || !user.passwordHash || user.disabledAt) {
      await this.hasher.verifyNothing(command.password);
      // An unknown tenant has no ledger to write to; an unknown email is recorded against the tenant, hashed, because
      // a mistyped address is often someone else's.
      if (tenant) {
        await this.transactions.run(async (tx) => {
          if (user) {
            await this.recordFailure(tx, tenant.id, user.id, user.disabledAt ? 'disabled' : 'no_password', {});
            return;
          }
          await this.ledger.record(tx, {
            tenantId: tenant.id,
            actor: SIGN_IN_ACTOR,
            action: 'identity.sign_in.failed',
            subject: { type: 'tenant', id: tenant.id },
            payload: {
              reason: 'unknown_email' satisfies SignInFailureReason,
              emailSha256: createHash('sha256').update(email).digest('hex'),
            },
          });
        });
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
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.values.SESSION_ABSOLUTE_HOURS * 3_600_000);
    const userAgent = command.userAgent?.slice(0, 512) ?? null;
    const session = await this.transactions.run(async (tx) => {
      await this.users.resetFailedSignIns(tx, tenant.id, user.id);
      const created = await this.sessions.create(tx, {
        tokenHash: hashSessionToken(token),
        tenantId: tenant.id,
        userId: user.id,
        csrfToken,
        expiresAt,
        userAgent,
      });
      await this.ledger.record(tx, {
        tenantId: tenant.id,
        actor: { type: 'user', id: user.id },
        action: 'identity.sign_in.succeeded',
        subject: { type: 'user', id: user.id },
        payload: { sessionId: created.id, userAgent, expiresAt: expiresAt.toISOString() },
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
      },
    };
  }

  /** The principal behind a session token, or null when it is unknown, revoked, idle or expired. */
  async authenticate(token: string): Promise<UserPrincipal | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const session = await this.sessions.findActive(hashSessionToken(token), this.config.values.SESSION_IDLE_MINUTES);
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
