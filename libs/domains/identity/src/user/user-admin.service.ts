import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TenantContext, TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger } from '@domains/audit';
import { IdentityError } from '../identity.errors.js';
import { ROLES, isRole, type Role } from '../identity.permissions.js';
import { actorOf, type Principal } from '../session/principal.js';
import { SessionRepository } from '../session/session.repository.js';
import { TenantRepository } from '../tenant/tenant.repository.js';
import type {
  ApprovalContent,
  ApprovalRequester,
  PendingApproval,
  RequestedApproval,
} from './approval-requester.port.js';
import { InvitationRepository } from './invitation.repository.js';
import { generateInvitationToken, hashInvitationToken, isInvitationToken } from './invitation.token.js';
import { PasswordHasher } from './password.hasher.js';
import { PasswordPolicy } from './password.policy.js';
import type { UserEntity } from './user.entity.js';
import { UserRepository } from './user.repository.js';

/** The approval kind of a change of a user's roles; approvals' handler for it calls `applyRoleChange`. */
export const USER_ROLES_CHANGE = 'identity.user_roles.change';

/** What a second admin approves when a user's roles change: exactly this object, hashed as canonical JSON. */
export interface UserRolesChangeContent extends ApprovalContent {
  readonly userId: string;
  readonly email: string;
  readonly fromRoles: Role[];
  readonly toRoles: Role[];
}

export interface IssuedInvitation {
  /** The secret of the link: shown once, only its hash is kept. */
  readonly token: string;
  readonly url: string;
  readonly expiresAt: Date;
}

export interface CreatedUser {
  readonly user: UserEntity;
  readonly invitation: IssuedInvitation;
}

export interface UserListing {
  readonly user: UserEntity;
  /** Whether the user has a confirmed TOTP authenticator. */
  readonly mfaEnrolled: boolean;
  readonly pendingRoleChange: PendingApproval | null;
}

/** Roles in ROLES order without repeats, so the same set always hashes the same. */
export function normaliseRoles(roles: readonly string[]): Role[] {
  const wanted = new Set(roles);
  return ROLES.filter((r) => wanted.has(r));
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role, i) => role === b[i]);
}

function notFound(): IdentityError {
  return new IdentityError('identity/user_not_found', 'not_found', 'No such user in your tenant');
}

/**
 * User management by the tenant's admins: invitations, disabling, and role changes, which never apply directly —
 * they are requested here and applied by the approvals domain once a second admin approves (`applyRoleChange`).
 */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly users: UserRepository,
    private readonly invitations: InvitationRepository,
    private readonly sessions: SessionRepository,
    private readonly tenants: TenantRepository,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordPolicy,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    private readonly ledger: AuditLedger,
  ) {}

  /** Every user of the tenant with the role change waiting for approval, if any. */
  async list(tenantId: string, requester: ApprovalRequester): Promise<UserListing[]> {
    const [users, mfa, pending] = await TenantContext.run(tenantId, () =>
      Promise.all([
        this.users.listByTenant(tenantId),
        this.users.mfaEnrolledUserIds(tenantId),
        requester.findPending(tenantId, USER_ROLES_CHANGE, 'user'),
      ]),
    );
    const bySubject = new Map(pending.map((p) => [p.subjectId, p]));
    return users.map((user) => ({
      user,
      mfaEnrolled: mfa.has(user.id),
      pendingRoleChange: bySubject.get(user.id) ?? null,
    }));
  }

  async get(tenantId: string, userId: string, requester: ApprovalRequester): Promise<UserListing> {
    const [user, mfa, pending] = await TenantContext.run(tenantId, () =>
      Promise.all([
        this.users.findById(tenantId, userId),
        this.users.mfaEnrolledUserIds(tenantId),
        requester.findPending(tenantId, USER_ROLES_CHANGE, 'user'),
      ]),
    );
    if (!user) throw notFound();
    return {
      user,
      mfaEnrolled: mfa.has(user.id),
      pendingRoleChange: pending.find((p) => p.subjectId === user.id) ?? null,
    };
  }

  /** Creates a user without roles and without a password, and the invitation that lets them choose one. */
  async create(principal: Principal, command: { email: string; displayName: string }): Promise<CreatedUser> {
    const tenantId = principal.tenantId;
    const email = command.email.trim().toLowerCase();
    const displayName = command.displayName.trim();
    try {
      return await this.transactions.run(
        async (tx) => {
          if (await TenantContext.run(tenantId, () => this.users.findByEmail(tenantId, email))) {
            throw this.userExists();
          }
          const user = await this.users.create(tx, tenantId, { email, displayName, passwordHash: null, roles: [] });
          await this.ledger.record(tx, {
            tenantId,
            actor: actorOf(principal),
            action: 'identity.user.created',
            subject: { type: 'user', id: user.id },
            payload: { email, displayName, roles: [] },
          });
          const invitation = await this.issueInvitation(tx, principal, user);
          return { user, invitation };
        },
        { tenantId },
      );
    } catch (error) {
      // Two admins inviting the same address at once: the unique index decides, the loser hears why.
      if ((error as { code?: unknown }).code === '23505') throw this.userExists();
      throw error;
    }
  }

  /** A new invitation for a user who has not chosen a password yet; earlier links stop working. */
  async reinvite(principal: Principal, userId: string): Promise<IssuedInvitation> {
    return this.transactions.run(
      async (tx) => {
        const user = await this.users.findByIdForUpdate(tx, principal.tenantId, userId);
        if (!user) throw notFound();
        if (user.passwordHash !== null) {
          throw new IdentityError('identity/user_exists', 'conflict', 'This user has already chosen a password');
        }
        if (user.disabledAt) throw this.disabled();
        await this.invitations.expireOpen(tx, principal.tenantId, user.id);
        return this.issueInvitation(tx, principal, user);
      },
      { tenantId: principal.tenantId },
    );
  }

  /** Sets the password of an invited user; the token works once, within its lifetime, for an enabled user. */
  async acceptInvitation(token: string, password: string): Promise<void> {
    if (!isInvitationToken(token)) throw this.invitationInvalid();
    const tokenHash = hashInvitationToken(token);
    const tenantId = await this.invitations.tenantOfToken(tokenHash);
    if (!tenantId) throw this.invitationInvalid();
    // The token names the tenant: from here on this request acts as that tenant (row-level security).
    await TenantContext.run(tenantId, () => this.acceptInvitationOf(tenantId, tokenHash, password));
  }

  private async acceptInvitationOf(tenantId: string, tokenHash: Buffer, password: string): Promise<void> {
    const [invitation, tenant] = await Promise.all([
      this.transactions.run((tx) => this.invitations.findByTokenHash(tx, tokenHash), { tenantId }),
      this.tenants.findById(tenantId),
    ]);
    const user = invitation ? await this.users.findById(tenantId, invitation.userId) : null;
    if (!invitation || !user || !tenant) throw this.invitationInvalid();
    // The policy and the (deliberately slow) hash run before the transaction, so no row stays locked meanwhile.
    this.passwords.check(password, { email: user.email, displayName: user.displayName, tenantSlug: tenant.slug });
    const passwordHash = await this.hasher.hash(password);
    await this.transactions.run(
      async (tx) => {
        const locked = await this.invitations.findByTokenHashForUpdate(tx, tokenHash);
        const current = await this.users.findByIdForUpdate(tx, tenantId, user.id);
        if (!locked || locked.acceptedAt || locked.expiresAt <= new Date() || !current || current.disabledAt) {
          throw this.invitationInvalid();
        }
        await this.users.setPasswordHash(tx, tenantId, current.id, passwordHash);
        await this.invitations.markAccepted(tx, tenantId, locked.id);
        await this.ledger.record(tx, {
          tenantId,
          actor: { type: 'user', id: current.id },
          action: 'identity.user.invitation_accepted',
          subject: { type: 'user', id: current.id },
          payload: { invitationId: locked.id },
        });
      },
      { tenantId },
    );
  }

  /**
   * Asks for a change of a user's roles. Nothing changes now: the request waits for a second admin, who approves
   * exactly `{ userId, email, fromRoles, toRoles }`. A pending request for the same user is replaced.
   */
  async requestRoleChange(
    principal: Principal,
    userId: string,
    roles: readonly string[],
    requester: ApprovalRequester,
  ): Promise<RequestedApproval> {
    if (principal.kind !== 'user') {
      throw new IdentityError('identity/forbidden', 'forbidden', 'Only a person can request a role change');
    }
    return this.requestRoleChangeAs(principal.tenantId, principal.userId, userId, roles, requester);
  }

  /** The same, on behalf of a named user of the tenant (the demo seed's entry point). */
  async requestRoleChangeAs(
    tenantId: string,
    requestedBy: string,
    userId: string,
    roles: readonly string[],
    requester: ApprovalRequester,
  ): Promise<RequestedApproval> {
    // `integration` is the machine role of API keys; people hold the others.
    const unknown = roles.filter((r) => !isRole(r) || r === 'integration');
    if (unknown.length > 0) {
      throw new IdentityError(
        'identity/invalid_role',
        'invalid',
        `Not a role a person can hold: ${unknown.join(', ')}`,
      );
    }
    const toRoles = normaliseRoles(roles);
    return this.transactions.run(
      async (tx) => {
        const user = await this.users.findByIdForUpdate(tx, tenantId, userId);
        if (!user) throw notFound();
        if (user.disabledAt) throw this.disabled();
        const content = this.roleChangeContent(user, toRoles);
        if (sameRoles(content.fromRoles, toRoles)) {
          throw new IdentityError('identity/roles_unchanged', 'conflict', 'The user has exactly these roles already');
        }
        return requester.request(tx, {
          tenantId,
          kind: USER_ROLES_CHANGE,
          subject: { type: 'user', id: user.id },
          content,
          requestedBy,
          requiredPermission: 'users:approve_roles',
        });
      },
      { tenantId },
    );
  }

  /**
   * The content a role change to `toRoles` would have now, with the user locked for the rest of the transaction; null
   * when the user no longer exists or is disabled (an approval of it would then be void).
   */
  async currentRoleChange(
    tx: Tx,
    tenantId: string,
    userId: string,
    toRoles: readonly string[],
  ): Promise<UserRolesChangeContent | null> {
    const user = await this.users.findByIdForUpdate(tx, tenantId, userId);
    if (!user || user.disabledAt) return null;
    return this.roleChangeContent(user, normaliseRoles(toRoles));
  }

  /**
   * Whether the user exists and is enabled, with their row locked for the rest of the transaction (so a concurrent
   * disable waits): approvals refuse requests whose requester has been disabled since.
   */
  async isEnabled(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
    const user = await this.users.findByIdForUpdate(tx, tenantId, userId);
    return user !== null && user.disabledAt === null;
  }

  /**
   * Applies an approved role change inside the approval's transaction: the roles change and every session of the user
   * ends at once, so the new roles take effect at their next sign-in.
   */
  async applyRoleChange(
    tx: Tx,
    change: {
      readonly tenantId: string;
      readonly content: UserRolesChangeContent;
      readonly approvalRequestId: string;
      readonly requestedBy: string;
      readonly approvedBy: string;
    },
  ): Promise<void> {
    const { tenantId, content } = change;
    const user = await this.users.findByIdForUpdate(tx, tenantId, content.userId);
    if (!user) throw notFound();
    const toRoles = normaliseRoles(content.toRoles);
    await this.users.setRoles(tx, tenantId, user.id, toRoles);
    const sessionsRevoked = await this.sessions.revokeAllOfUser(tx, tenantId, user.id);
    await this.ledger.record(tx, {
      tenantId,
      actor: { type: 'user', id: change.approvedBy },
      action: 'identity.user.roles_changed',
      subject: { type: 'user', id: user.id },
      payload: {
        fromRoles: normaliseRoles(user.roles),
        toRoles,
        approvalRequestId: change.approvalRequestId,
        requestedBy: change.requestedBy,
        approvedBy: change.approvedBy,
        sessionsRevoked,
      },
    });
  }

  /** Disables a user and ends all their sessions at once; disabling a disabled user changes nothing. */
  async disable(principal: Principal, userId: string): Promise<UserEntity> {
    if (principal.kind === 'user' && principal.userId === userId) {
      throw new IdentityError('identity/cannot_disable_self', 'forbidden', 'You cannot disable your own account');
    }
    return this.transactions.run(
      async (tx) => {
        const user = await this.users.findByIdForUpdate(tx, principal.tenantId, userId);
        if (!user) throw notFound();
        if (user.disabledAt) return user;
        const disabledAt = new Date();
        await this.users.setDisabledAt(tx, principal.tenantId, user.id, disabledAt);
        const sessionsRevoked = await this.sessions.revokeAllOfUser(tx, principal.tenantId, user.id);
        await this.ledger.record(tx, {
          tenantId: principal.tenantId,
          actor: actorOf(principal),
          action: 'identity.user.disabled',
          subject: { type: 'user', id: user.id },
          payload: { sessionsRevoked },
        });
        return { ...user, disabledAt };
      },
      { tenantId: principal.tenantId },
    );
  }

  /** Lets a disabled user sign in again (with the roles they had); enabling an enabled user changes nothing. */
  async enable(principal: Principal, userId: string): Promise<UserEntity> {
    return this.transactions.run(
      async (tx) => {
        const user = await this.users.findByIdForUpdate(tx, principal.tenantId, userId);
        if (!user) throw notFound();
        if (!user.disabledAt) return user;
        await this.users.setDisabledAt(tx, principal.tenantId, user.id, null);
        await this.ledger.record(tx, {
          tenantId: principal.tenantId,
          actor: actorOf(principal),
          action: 'identity.user.enabled',
          subject: { type: 'user', id: user.id },
          payload: {},
        });
        return { ...user, disabledAt: null };
      },
      { tenantId: principal.tenantId },
    );
  }

  /** Names to show beside user ids (requesters, approvers); unknown ids are left out. */
  async describe(
    tenantId: string,
    ids: readonly string[],
  ): Promise<Map<string, { email: string; displayName: string }>> {
    const found = await TenantContext.run(tenantId, () =>
      Promise.all([...new Set(ids)].map((id) => this.users.findById(tenantId, id))),
    );
    return new Map(
      found
        .filter((u): u is UserEntity => u !== null)
        .map((u) => [u.id, { email: u.email, displayName: u.displayName }]),
    );
  }

  private roleChangeContent(user: UserEntity, toRoles: Role[]): UserRolesChangeContent {
    return { userId: user.id, email: user.email, fromRoles: normaliseRoles(user.roles), toRoles };
  }

  private async issueInvitation(tx: Tx, principal: Principal, user: UserEntity): Promise<IssuedInvitation> {
    const token = generateInvitationToken();
    const expiresAt = new Date(Date.now() + this.config.values.INVITATION_EXPIRY_HOURS * 3_600_000);
    const invitation = await this.invitations.create(tx, {
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: hashInvitationToken(token),
      createdBy: principal.kind === 'user' ? principal.userId : null,
      expiresAt,
    });
    await this.ledger.record(tx, {
      tenantId: user.tenantId,
      actor: actorOf(principal),
      action: 'identity.user.invited',
      subject: { type: 'user', id: user.id },
      payload: { invitationId: invitation.id, expiresAt: expiresAt.toISOString() },
    });
    const base = this.config.publicUrl.replace(/\/+$/, '');
    return { token, url: `${base}/invite/${token}`, expiresAt };
  }

  private userExists(): IdentityError {
    return new IdentityError('identity/user_exists', 'conflict', 'Your tenant already has a user with this email');
  }

  private disabled(): IdentityError {
    return new IdentityError('identity/user_disabled', 'conflict', 'The user is disabled; enable them first');
  }

  private invitationInvalid(): IdentityError {
    return new IdentityError(
      'identity/invitation_invalid',
      'unauthenticated',
      'This invitation link is unknown, used or expired; ask your admin for a new one',
    );
  }
}
