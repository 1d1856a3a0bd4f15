import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';

export class SignInDto {
  /** The tenant's slug, e.g. `demo`. */
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/i, { message: 'tenant must be a tenant slug' })
  tenant: string;

  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @IsString()
  @Length(1, 1024)
  password: string;
}

export class SessionUserDto {
  id: string;
  email: string;
  displayName: string;
  @ApiProperty({ type: [String], example: ['admin'] })
  roles: string[];
}

export class SessionTenantDto {
  id: string;
  slug: string;
  name: string;
}

export class SessionMfaDto {
  /** The user has a confirmed TOTP authenticator. */
  enrolled: boolean;
  /** The user's roles require MFA (MFA_REQUIRED_ROLES). Required and not enrolled: the session can only enrol. */
  required: boolean;
  /** A TOTP code was verified in this session (at sign-in, enrolment or re-authentication). */
  satisfied: boolean;
}

export class SessionDto {
  /** Always `signed_in` here; the sign-in answer is `mfa_required` instead when a TOTP code is needed first. */
  @ApiProperty({ enum: ['signed_in'] })
  status: 'signed_in';
  user: SessionUserDto;
  tenant: SessionTenantDto;
  /** Send it back in the X-CSRF-Token header on every POST, PUT, PATCH and DELETE. */
  csrfToken: string;
  /** Absolute end of the session. */
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
  /** When the session ends without further activity. */
  @ApiProperty({ type: String, format: 'date-time' })
  idleExpiresAt: string;
  mfa: SessionMfaDto;
  /** Sign-in or the last re-entry of password or TOTP code: four-eyes approvals need one within 5 minutes. */
  @ApiProperty({ type: String, format: 'date-time' })
  reauthenticatedAt: string;
}
