import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditPayload } from '@domains/audit';
import { IdentityError } from '../identity.errors.js';
import { TenantRepository } from '../tenant/tenant.repository.js';
import { PasswordHasher } from '../user/password.hasher.js';
import { PasswordPolicy } from '../user/password.policy.js';
import type { UserEntity } from '../user/user.entity.js';
import { UserRepository } from '../user/user.repository.js';
import { TotpService } from '../user/totp/totp.service.js';
import { LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from './auth.service.js';
import type { UserPrincipal } from './principal.js';
import { SessionRepository } from './session.repository.js';

export interface ReauthenticateCommand {
  readonly password?: string;
  readonly code?: string;
}

export interface ChangePasswordCommand {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/**
 * Proving again who one is inside a session (four-eyes approvals demand it within minutes) and changing one's own
 * password. Wrong passwords and codes count toward the same lockout as sign-in failures, so a stolen session cookie
 * does not give an attacker unlimited guesses.
 */
@Injectable()
export class ReauthenticationService {
  constructor(
    private readonly users: UserRepository,
    private readonly tenants: TenantRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly totp: TotpService,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  /** The TOTP code when the user has TOTP enrolled, otherwise the password; returns the new re-authentication time. */
  async reauthenticate(principal: UserPrincipal, command: ReauthenticateCommand): Promise<Date> {
    const user = await this.activeUser(principal);
    const enrolled = await this.totp.isEnrolled(principal.tenantId, principal.userId);
    const factor = enrolled ? 'totp' : 'password';
    const given = command.code !== undefined ? 'totp' : 'password';
    if ((command.code === undefined) === (command.password === undefined) || given !== factor) {
      throw new IdentityError(
        'identity/reauthentication_factor_mismatch',
        'invalid',
        enrolled ? 'Send the current code of your authenticator app (code)' : 'Send your password (password)',
      );
    }
    let passwordOk = false;
    if (factor === 'password') {
      passwordOk = user.passwordHash !== null && (await this.hasher.verify(user.passwordHash, command.password ?? ''));
    }
    const result = await this.transactions.run(
      async (tx) => {
        const ok =
          factor === 'totp'
            ? (await this.totp.checkAndUse(tx, principal.tenantId, principal.userId, command.code ?? '')) === 'ok'
            : passwordOk;
        if (!ok) {
          await this.recordFailure(tx, principal, 'identity.reauthentication.failed', { factor });
          return null;
        }
        await this.users.resetFailedSignIns(tx, principal.tenantId, principal.userId);
        const at =
          factor === 'totp'
            ? await this.sessions.markMfaSatisfied(tx, principal.sessionId)
            : await this.sessions.markReauthenticated(tx, principal.sessionId);
        await this.ledger.record(tx, {
          tenantId: principal.tenantId,
          actor: { type: 'user', id: principal.userId },
          action: 'identity.reauthenticated',
          subject: { type: 'user', id: principal.userId },
          payload: { factor, sessionId: principal.sessionId },
        });
        return at;
      },
      { tenantId: principal.tenantId },
    );
    if (!result) {
      throw new IdentityError(
        'identity/reauthentication_failed',
        'forbidden',
        factor === 'totp' ? 'Wrong or already used code' : 'Wrong password',
      );
    }
    return result;
  }

  /**
   * Changes one's own password: the new one must pass the password policy (422, nothing changed), the current one must
   * be right (it counts toward the lockout); every other session of the user is revoked.
   */
  async changePassword(principal: UserPrincipal, command: ChangePasswordCommand): Promise<{ revokedSessions: number }> {
    const user = await this.activeUser(principal);
    const tenant = await this.tenants.findById(principal.tenantId);
    this.policy.check(
      command.newPassword,
      { email: user.email, displayName: user.displayName, tenantSlug: tenant?.slug },
      'newPassword',
    );
    const currentOk =
      user.passwordHash !== null && (await this.hasher.verify(user.passwordHash, command.currentPassword));
    const newHash = currentOk ? await this.hasher.hash(command.newPassword) : '';
    const revoked = await this.transactions.run(
      async (tx) => {
        if (!currentOk) {
          await this.recordFailure(tx, principal, 'identity.password.change_failed', { reason: 'wrong_password' });
          return null;
        }
        await this.users.setPasswordHash(tx, principal.tenantId, principal.userId, newHash);
        const revokedSessions = await this.sessions.revokeOthersOfUser(
          tx,
          principal.tenantId,
          principal.userId,
          principal.sessionId,
        );
        await this.ledger.record(tx, {
          tenantId: principal.tenantId,
          actor: { type: 'user', id: principal.userId },
          action: 'identity.password.changed',
          subject: { type: 'user', id: principal.userId },
          payload: { sessionId: principal.sessionId, revokedSessions },
        });
        return revokedSessions;
      },
      { tenantId: principal.tenantId },
    );
    if (revoked === null) {
      throw new IdentityError('identity/reauthentication_failed', 'forbidden', 'The current password is wrong');
    }
    return { revokedSessions: revoked };
  }

  private async activeUser(principal: UserPrincipal): Promise<UserEntity> {
    const user = await this.users.findById(principal.tenantId, principal.userId);
    if (!user || user.disabledAt) {
      throw new IdentityError('identity/unauthenticated', 'unauthenticated', 'Sign in first (no valid session)');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new IdentityError(
        'identity/account_locked',
        'rate_limited',
        `Too many failed attempts; try again after ${user.lockedUntil.toISOString()}`,
      );
    }
    return user;
  }

  /** Counts the failure toward the lockout and records it, in the caller's transaction. */
  private async recordFailure(
    tx: Tx,
    principal: UserPrincipal,
    action: string,
    details: Record<string, AuditPayload>,
  ): Promise<void> {
    const failures = await this.users.recordFailedSignIn(
      tx,
      principal.tenantId,
      principal.userId,
      LOCKOUT_THRESHOLD,
      LOCKOUT_MINUTES,
    );
    await this.ledger.record(tx, {
      tenantId: principal.tenantId,
      actor: { type: 'user', id: principal.userId },
      action,
      subject: { type: 'user', id: principal.userId },
      payload: {
        ...details,
        sessionId: principal.sessionId,
        failedSignIns: failures,
        locked: failures >= LOCKOUT_THRESHOLD,
      },
    });
  }
}
