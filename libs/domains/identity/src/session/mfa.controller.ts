import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemDetails, Public } from '@platform/http';
import { IdentityError } from '../identity.errors.js';
import { TotpService } from '../user/totp/totp.service.js';
import { CurrentPrincipal, RequirePermission } from './access.decorators.js';
import { toSessionDto } from './auth.controller.js';
import { SessionDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { OpenBeforeMfa } from './mfa.decorators.js';
import {
  ChangePasswordDto,
  PasswordChangedDto,
  ReauthenticateDto,
  ReauthenticatedDto,
  TotpConfirmDto,
  TotpEnrolledDto,
  TotpSetupDto,
  TotpSignInDto,
} from './mfa.dto.js';
import type { Principal, UserPrincipal } from './principal.js';
import { ReauthenticationService } from './reauthentication.service.js';
import { writeSessionCookie } from './session.cookie.js';

function personOf(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') {
    throw new IdentityError(
      'identity/forbidden',
      'forbidden',
      'Only people sign in with passwords and TOTP, not API keys',
    );
  }
  return principal;
}

/** The second sign-in step, TOTP enrolment, re-authentication and password change. */
@ApiTags('auth')
@Controller('v1/auth')
export class MfaController {
  constructor(
    private readonly auth: AuthService,
    private readonly totp: TotpService,
    private readonly reauthentication: ReauthenticationService,
  ) {}

  /**
   * Completes a sign-in that answered `mfa_required`: the challenge and the current TOTP code. Sets the session cookie.
   * Wrong codes count toward the account lockout; the challenge dies after 5 of them or 5 minutes; a code is accepted
   * once.
   */
  @Public()
  @Post('sign-in/totp')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ProblemDetails })
  @ApiTooManyRequestsResponse({ type: ProblemDetails })
  async signInTotp(
    @Body() body: TotpSignInDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto> {
    const result = await this.auth.completeTotpSignIn({ ...body, userAgent: req.headers['user-agent'] });
    writeSessionCookie(res, result.token, result.principal.expiresAt);
    return toSessionDto(result.principal, result.tenant);
  }

  /**
   * Starts TOTP enrolment: a new secret (replacing a setup not confirmed yet), its otpauth URI and a QR code. Nothing
   * changes for sign-in until the code is confirmed.
   */
  @RequirePermission('session:self')
  @OpenBeforeMfa()
  @Post('mfa/totp/setup')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpSetupDto })
  @ApiConflictResponse({ type: ProblemDetails })
  setup(@CurrentPrincipal() principal: Principal): Promise<TotpSetupDto> {
    return this.totp.setup(personOf(principal));
  }

  /** Confirms enrolment with the current code; from then on sign-in asks for a code, and this session is complete. */
  @RequirePermission('session:self')
  @OpenBeforeMfa()
  @Post('mfa/totp/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpEnrolledDto })
  @ApiConflictResponse({ type: ProblemDetails })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails })
  async confirm(@CurrentPrincipal() principal: Principal, @Body() body: TotpConfirmDto): Promise<TotpEnrolledDto> {
    const enrolled = await this.totp.confirm(personOf(principal), body.code);
    return {
      enrolledAt: enrolled.enrolledAt.toISOString(),
      reauthenticatedAt: enrolled.reauthenticatedAt.toISOString(),
    };
  }

  /**
   * Proves again who you are: the TOTP code when TOTP is enrolled, otherwise the password (exactly one). Four-eyes
   * approvals need this within the last 5 minutes. Failures count toward the account lockout.
   */
  @RequirePermission('session:self')
  @OpenBeforeMfa()
  @Post('reauthenticate')
  @HttpCode(200)
  @ApiOkResponse({ type: ReauthenticatedDto })
  @ApiForbiddenResponse({ type: ProblemDetails })
  @ApiTooManyRequestsResponse({ type: ProblemDetails })
  async reauthenticate(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ReauthenticateDto,
  ): Promise<ReauthenticatedDto> {
    const at = await this.reauthentication.reauthenticate(personOf(principal), body);
    return { reauthenticatedAt: at.toISOString() };
  }

  /**
   * Changes your own password. The new one must follow the password rules (422 `identity/password_rejected` lists
   * what is wrong); your other sessions are ended.
   */
  @RequirePermission('session:self')
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordChangedDto })
  @ApiForbiddenResponse({ type: ProblemDetails })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails })
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<PasswordChangedDto> {
    return this.reauthentication.changePassword(personOf(principal), body);
  }
}
