import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

const TOTP_CODE = /^[0-9]{6}$/;

/** The answer to a sign-in whose first factor was right, when the user has TOTP enrolled: no session yet. */
export class MfaChallengeDto {
  @ApiProperty({ enum: ['mfa_required'] })
  status: 'mfa_required';
  /** Send it back with the code to `POST /v1/auth/sign-in/totp`; single use. */
  challenge: string;
  /** The challenge is refused after this (5 minutes), or after 5 wrong codes. */
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class TotpSignInDto {
  /** The challenge from the sign-in answer. */
  @IsString()
  @Length(20, 100)
  challenge: string;

  /** The current 6-digit code of the authenticator app. */
  @IsString()
  @Matches(TOTP_CODE, { message: 'code must be 6 digits' })
  code: string;
}

export class TotpSetupDto {
  /** The secret in base32, for typing into an app that cannot scan the QR code. */
  secret: string;
  /** `otpauth://totp/...` (RFC 6238, SHA-1, 6 digits, 30 s). */
  otpauthUri: string;
  /** The otpauth URI as a QR code, an SVG document. */
  qrCodeSvg: string;
}

export class TotpConfirmDto {
  /** The current 6-digit code the app shows for the new secret. */
  @IsString()
  @Matches(TOTP_CODE, { message: 'code must be 6 digits' })
  code: string;
}

export class TotpEnrolledDto {
  @ApiProperty({ type: String, format: 'date-time' })
  enrolledAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  reauthenticatedAt: string;
}

export class ReauthenticateDto {
  /** The password; send it only when TOTP is not enrolled. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  password?: string;

  /** The current TOTP code; send it (and no password) when TOTP is enrolled. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(TOTP_CODE, { message: 'code must be 6 digits' })
  code?: string;
}

export class ReauthenticatedDto {
  @ApiProperty({ type: String, format: 'date-time' })
  reauthenticatedAt: string;
}

export class ChangePasswordDto {
  @IsString()
  @Length(1, 1024)
  currentPassword: string;

  /** 12 to 256 characters, not a common password, not a sequence or repetition, not built on your email or name. */
  @IsString()
  @Length(1, 1024)
  newPassword: string;
}

export class PasswordChangedDto {
  /** How many other sessions of yours were ended (they must sign in again). */
  revokedSessions: number;
}
