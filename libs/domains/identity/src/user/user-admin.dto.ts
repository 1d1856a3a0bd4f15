import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../identity.permissions.js';

/** The roles a person can hold (`integration` is for API keys). */
export const PERSON_ROLES = ROLES.filter((r) => r !== 'integration');

export class CreateUserDto {
  /** The new user's email address; they sign in with it. */
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  /** The name shown in the UI and in audit views. */
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName: string;
}

export class ChangeUserRolesDto {
  /** The complete set of roles the user should have (an empty list removes every role). */
  @ApiProperty({ enum: PERSON_ROLES, isArray: true, example: ['analyst'] })
  @IsArray()
  @ArrayMaxSize(PERSON_ROLES.length)
  @IsIn(PERSON_ROLES, { each: true, message: `each role must be one of ${PERSON_ROLES.join(', ')}` })
  roles: Role[];
}

export class AcceptInvitationDto {
  /** The token from the invitation link (`/invite/<token>`). */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be an invitation token' })
  token: string;

  /** The password the invited user chooses (checked against the password policy). */
  @IsString()
  @Length(1, 1024)
  password: string;
}

export class PendingRoleChangeDto {
  /** The approval request: approve it at `POST /v1/approvals/{id}/approve`. */
  id: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  fromRoles: Role[];
  @ApiProperty({ enum: ROLES, isArray: true })
  toRoles: Role[];
  /** SHA-256 (hex) of the request's canonical content. */
  contentHash: string;
  /** The admin who asked for the change. */
  requestedBy: string;
  @ApiProperty({ type: String, format: 'date-time' })
  requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class UserDto {
  id: string;
  email: string;
  displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['analyst'] })
  roles: Role[];
  /** Whether the user has chosen a password (an invited user has not yet). */
  passwordSet: boolean;
  /** Whether the user has a confirmed TOTP authenticator. */
  mfaEnrolled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  /** The role change waiting for a second admin's approval, if any. */
  @ApiProperty({ type: PendingRoleChangeDto, nullable: true })
  pendingRoleChange: PendingRoleChangeDto | null;
}

export class InvitationDto {
  /** The secret of the invitation link: shown this once, only its hash is kept. */
  token: string;
  /** The link to hand to the new user; it works once. */
  url: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class CreatedUserDto {
  user: UserDto;
  invitation: InvitationDto;
}

export class RequestedRoleChangeApprovalDto {
  /** The approval request a second admin must approve. */
  id: string;
  /** SHA-256 (hex) of the canonical JSON of what is to be approved; the approver sends it back. */
  contentHash: string;
  @ApiProperty({ enum: ['pending'] })
  status: 'pending';
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class RequestedRoleChangeDto {
  approval: RequestedRoleChangeApprovalDto;
}
