import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { isRole } from '../identity.permissions.js';
import { CurrentPrincipal, RequirePermission } from '../session/access.decorators.js';
import type { Principal } from '../session/principal.js';
import { APPROVAL_REQUESTER, type ApprovalRequester, type PendingApproval } from './approval-requester.port.js';
import {
  ChangeUserRolesDto,
  CreateUserDto,
  CreatedUserDto,
  InvitationDto,
  RequestedRoleChangeDto,
  UserDto,
  type PendingRoleChangeDto,
} from './user-admin.dto.js';
import { UserAdminService, type IssuedInvitation } from './user-admin.service.js';
import type { UserEntity } from './user.entity.js';

function rolesOf(value: unknown): PendingRoleChangeDto['toRoles'] {
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string').filter(isRole) : [];
}

function toPendingDto(pending: PendingApproval): PendingRoleChangeDto {
  return {
    id: pending.id,
    fromRoles: rolesOf(pending.content.fromRoles),
    toRoles: rolesOf(pending.content.toRoles),
    contentHash: pending.contentHash,
    requestedBy: pending.requestedBy,
    requestedAt: pending.requestedAt.toISOString(),
    expiresAt: pending.expiresAt.toISOString(),
  };
}

function toUserDto(user: UserEntity, pending: PendingApproval | null, mfaEnrolled: boolean): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: [...user.roles].filter(isRole),
    passwordSet: user.passwordHash !== null,
    mfaEnrolled,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    pendingRoleChange: pending ? toPendingDto(pending) : null,
  };
}

function toInvitationDto(invitation: IssuedInvitation): InvitationDto {
  return { token: invitation.token, url: invitation.url, expiresAt: invitation.expiresAt.toISOString() };
}

/** The tenant's users, managed by its admins. Role changes need a second admin's approval (four-eyes). */
@ApiTags('users')
@Controller('v1/users')
export class UserAdminController {
  constructor(
    private readonly users: UserAdminService,
    @Inject(APPROVAL_REQUESTER) private readonly approvals: ApprovalRequester,
  ) {}

  /** Every user of the tenant, by email, with the role change waiting for approval if there is one. */
  @RequirePermission('users:manage')
  @Get()
  @ApiOkResponse({ type: [UserDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<UserDto[]> {
    const listing = await this.users.list(principal.tenantId, this.approvals);
    return listing.map((l) => toUserDto(l.user, l.pendingRoleChange, l.mfaEnrolled));
  }

  /**
   * Creates a user without roles and an invitation link (valid 72 hours by default, once). The response is the only
   * time the link is shown. Give the user roles with `PUT /v1/users/{id}/roles`.
   */
  @RequirePermission('users:manage')
  @Post()
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiConflictResponse({ type: ProblemDetails, description: '`identity/user_exists`' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<CreatedUserDto> {
    const created = await this.users.create(principal, body);
    return { user: toUserDto(created.user, null, false), invitation: toInvitationDto(created.invitation) };
  }

  /** One user of the tenant. */
  @RequirePermission('users:manage')
  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    const listing = await this.users.get(principal.tenantId, id, this.approvals);
    return toUserDto(listing.user, listing.pendingRoleChange, listing.mfaEnrolled);
  }

  /**
   * Requests a change of the user's roles (the complete new set). Nothing changes yet: a second admin must approve
   * the returned request; on approval the roles change and the user's sessions end. A pending request for the same
   * user is replaced (voided).
   */
  @RequirePermission('users:manage')
  @Put(':id/roles')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RequestedRoleChangeDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`identity/roles_unchanged`, `identity/user_disabled`' })
  async changeRoles(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChangeUserRolesDto,
  ): Promise<RequestedRoleChangeDto> {
    const requested = await this.users.requestRoleChange(principal, id, body.roles, this.approvals);
    return {
      approval: {
        id: requested.id,
        contentHash: requested.contentHash,
        status: requested.status,
        expiresAt: requested.expiresAt.toISOString(),
      },
    };
  }

  /** Disables the user and ends all their sessions at once. Admins cannot disable themselves. */
  @RequirePermission('users:manage')
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiForbiddenResponse({ type: ProblemDetails, description: '`identity/cannot_disable_self`' })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async disable(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    await this.users.disable(principal, id);
    const listing = await this.users.get(principal.tenantId, id, this.approvals);
    return toUserDto(listing.user, listing.pendingRoleChange, listing.mfaEnrolled);
  }

  /** Lets a disabled user sign in again. */
  @RequirePermission('users:manage')
  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async enable(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    await this.users.enable(principal, id);
    const listing = await this.users.get(principal.tenantId, id, this.approvals);
    return toUserDto(listing.user, listing.pendingRoleChange, listing.mfaEnrolled);
  }

  /** A new invitation link for a user who has not chosen a password yet; earlier links stop working. */
  @RequirePermission('users:manage')
  @Post(':id/invitation')
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`identity/user_exists` when the password is set' })
  async reinvite(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InvitationDto> {
    return toInvitationDto(await this.users.reinvite(principal, id));
  }
}
