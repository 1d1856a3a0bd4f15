import { Controller, Get, Logger, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemDetails, Public } from '@platform/http';
import { IdentityError } from '../identity.errors.js';
import { writeSessionCookie } from '../session/session.cookie.js';
import { clearOidcStateCookie, readOidcStateCookie, writeOidcStateCookie } from './oidc-state.cookie.js';
import { OidcStatusDto } from './oidc.dto.js';
import { OidcSignInService, oidcErrorCodeOf } from './oidc.service.js';

/** Where the admin UI shows a refused sign-in; only a coarse code travels, never the reason. */
function signInPageWithError(code: string): string {
  return `/sign-in?error=${encodeURIComponent(code)}`;
}

/**
 * Single sign-on through the installation's OpenID Connect provider. The browser navigates to these routes (they
 * answer with redirects, not JSON), so they are public: the provider, then Verity's own rules, decide who gets in.
 */
@ApiTags('auth')
@Controller('v1/auth/oidc')
export class OidcController {
  private readonly logger = new Logger(OidcController.name);

  constructor(private readonly oidc: OidcSignInService) {}

  /** Whether the sign-in page offers single sign-on, and the provider's name for the button. */
  @Public()
  @Get()
  @ApiOkResponse({ type: OidcStatusDto })
  status(): OidcStatusDto {
    return this.oidc.status();
  }

  /**
   * Starts a single sign-on: redirects the browser to the provider (authorization code flow with PKCE, state and
   * nonce kept in a short-lived cookie). 404 when single sign-on is not configured.
   */
  @Public()
  @Get('start')
  @ApiFoundResponse({
    description: "Redirect to the provider, or to /sign-in?error=oidc_unavailable when it can't be reached",
  })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async start(@Res() res: Response): Promise<void> {
    noStore(res);
    let authorizationUrl: URL;
    try {
      const started = await this.oidc.start();
      writeOidcStateCookie(res, started.sealedState);
      authorizationUrl = started.authorizationUrl;
    } catch (error) {
      if (oidcErrorCodeOf(error) !== 'oidc_unavailable') throw error;
      res.redirect(302, signInPageWithError('oidc_unavailable'));
      return;
    }
    res.redirect(302, authorizationUrl.href);
  }

  /**
   * Where the provider sends the browser back. On success the session cookie is set and the browser goes to `/`;
   * when the user has TOTP enrolled and the provider did no MFA, to `/sign-in#mfa_challenge=<challenge>` (answer it
   * with POST /v1/auth/sign-in/totp); on any refusal to `/sign-in?error=<code>` (the reason is in the audit ledger).
   * The state cookie is cleared whatever the outcome.
   */
  @Public()
  @Get('callback')
  @ApiFoundResponse({
    description:
      'Redirect to / (signed in), to /sign-in#mfa_challenge=<challenge> (TOTP step) or to /sign-in?error=<code>',
  })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    noStore(res);
    clearOidcStateCookie(res);
    const query = new URL(req.originalUrl, 'http://callback').searchParams;
    try {
      const result = await this.oidc.complete({
        query,
        sealedState: readOidcStateCookie(req),
        userAgent: req.headers['user-agent'],
      });
      if (result.status === 'mfa_required') {
        // The TOTP step of the sign-in page takes over. The challenge travels in the fragment, which the browser
        // neither sends to any server nor puts in a Referer; it is single use, short-lived and useless without a code.
        res.redirect(302, `/sign-in#mfa_challenge=${encodeURIComponent(result.challenge)}`);
        return;
      }
      // The session cookie stays SameSite=Strict: this redirect chain began at the provider, so the browser will not
      // send it with the navigation to `/`, but the UI's own requests that follow are same-site and carry it.
      writeSessionCookie(res, result.token, result.principal.expiresAt);
      res.redirect(302, '/');
    } catch (error) {
      if (error instanceof IdentityError && error.code === 'identity/oidc_not_configured') throw error;
      if (!(error instanceof IdentityError && error.code === 'identity/oidc_sign_in_refused')) {
        // Not a refusal (those are in the ledger) but a fault, e.g. the database: the browser still gets a page.
        this.logger.error({ err: error }, 'OIDC callback failed');
      }
      res.redirect(302, signInPageWithError(oidcErrorCodeOf(error)));
    }
  }
}

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}
