import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemDetails, Public } from '@platform/http';
import { IdentityError } from '../identity.errors.js';
import { CurrentPrincipal, RequirePermission } from './access.decorators.js';
import { SessionDto, SignInDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { OpenBeforeMfa } from './mfa.decorators.js';
import { MfaChallengeDto } from './mfa.dto.js';
import type { Principal, UserPrincipal } from './principal.js';
import { SESSION_COOKIE, clearSessionCookie, readCookie, writeSessionCookie } from './session.cookie.js';
import type { TenantEntity } from '../tenant/tenant.entity.js';

export function toSessionDto(principal: UserPrincipal, tenant: TenantEntity): SessionDto {
  return {
    status: 'signed_in',
    user: {
      id: principal.userId,
      email: principal.email,
      displayName: principal.displayName,
      roles: [...principal.roles],
    },
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    csrfToken: principal.csrfToken,
    expiresAt: principal.expiresAt.toISOString(),
    idleExpiresAt: principal.idleExpiresAt.toISOString(),
    mfa: { enrolled: principal.mfa.enrolled, required: principal.mfa.required, satisfied: principal.mfa.satisfied },
    reauthenticatedAt: principal.reauthenticatedAt.toISOString(),
  };
}

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Signs in with tenant, email and password; sets the httpOnly session cookie. When the user has TOTP enrolled, the
   * answer is `{ status: 'mfa_required', challenge }` and no cookie: send the code to `POST /v1/auth/sign-in/totp`.
   */
  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @ApiExtraModels(SessionDto, MfaChallengeDto)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(SessionDto) }, { $ref: getSchemaPath(MfaChallengeDto) }],
      // Without the mapping, OpenAPI takes the schema names as the values ("SessionDto"), and so does the UI's client.
      discriminator: {
        propertyName: 'status',
        mapping: { signed_in: getSchemaPath(SessionDto), mfa_required: getSchemaPath(MfaChallengeDto) },
      },
    },
  })
  @ApiUnauthorizedResponse({ type: ProblemDetails })
  async signIn(
    @Body() body: SignInDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto | MfaChallengeDto> {
    const result = await this.auth.signIn({ ...body, userAgent: req.headers['user-agent'] });
    if (result.status === 'mfa_required') {
      return { status: 'mfa_required', challenge: result.challenge, expiresAt: result.expiresAt.toISOString() };
    }
    writeSessionCookie(res, result.token, result.principal.expiresAt);
    return toSessionDto(result.principal, result.tenant);
  }

  /** The current session, or 401 when there is none. */
  @RequirePermission('session:self')
  @OpenBeforeMfa()
  @Get('session')
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ProblemDetails })
  async session(@CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    if (principal.kind !== 'user') {
      throw new IdentityError('identity/forbidden', 'forbidden', 'Sessions belong to people, not API keys');
    }
    const tenant = await this.auth.tenantOf(principal);
    if (!tenant) throw new IdentityError('identity/unauthenticated', 'unauthenticated', 'Tenant no longer exists');
    return toSessionDto(principal, tenant);
  }

  /** Ends the session at once: the cookie is cleared and the server-side session revoked. */
  @RequirePermission('session:self')
  @OpenBeforeMfa()
  @Post('sign-out')
  @HttpCode(204)
  @ApiNoContentResponse()
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await this.auth.signOut(token);
    clearSessionCookie(res);
  }
}
