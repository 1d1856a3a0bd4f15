import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig } from '@platform/config';
import { OIDC_STATE_TTL_MS, OidcStateSealer } from './oidc-state.cookie.js';
import { oidcSettingsOf, type OidcSettings } from './oidc.settings.js';

/** Why the protocol part of a sign-in failed (what the audit ledger records; the browser learns only a coarse code). */
export type OidcProtocolFailureReason =
  /** OIDC_* is not configured. */
  | 'not_configured'
  /** Discovery, the token endpoint or the JWKS could not be reached. */
  | 'provider_unavailable'
  /** No state cookie, or it was tampered with or expired (older than 10 minutes, or already used and cleared). */
  | 'state_invalid'
  /** The `state` of the answer is not the one this browser's attempt was started with. */
  | 'state_mismatch'
  /** The provider answered with an error, e.g. the person cancelled (`access_denied`). */
  | 'provider_error'
  /** The code exchange or the ID token failed validation (issuer, audience, signature, nonce, expiry, reused code). */
  | 'response_invalid';

export class OidcProtocolFailure extends Error {
  constructor(
    readonly reason: OidcProtocolFailureReason,
    message: string,
    /** What the provider said, for the audit entry (its `error` parameter), never shown to the browser. */
    readonly providerError?: string,
  ) {
    super(message);
    this.name = 'OidcProtocolFailure';
  }
}

/** A person as the provider vouches for them, after the ID token and the response were validated. */
export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | undefined;
  readonly emailVerified: boolean | undefined;
  /** Authentication methods the provider reports (`amr`), e.g. `pwd`, `mfa`, `otp`, `hwk`. */
  readonly amr: readonly string[];
}

export interface OidcStart {
  readonly authorizationUrl: URL;
  /** The sealed state, PKCE verifier and nonce for the short-lived state cookie. */
  readonly sealedState: string;
}

/**
 * The driver for the one OIDC provider of the installation (openid-client): discovery on first use (so the api starts
 * while the provider is down), the authorization code flow with PKCE S256, `state` and `nonce`.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  readonly settings: OidcSettings | null;
  private readonly sealer: OidcStateSealer | null;
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(config: AppConfig) {
    this.settings = oidcSettingsOf(config);
    this.sealer = this.settings ? new OidcStateSealer(this.settings.clientSecret) : null;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  async start(): Promise<OidcStart> {
    const { settings, sealer } = this.configured();
    const configuration = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl.href,
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const sealedState = sealer.seal({ state, nonce, codeVerifier, expiresAt: Date.now() + OIDC_STATE_TTL_MS });
    return { authorizationUrl, sealedState };
  }

  /**
   * Validates the provider's answer (the callback's query string) against the attempt sealed in the state cookie,
   * redeems the code and validates the ID token (issuer, audience, signature, nonce, expiry). The email claims come
   * from the ID token, or from the UserInfo endpoint when the provider keeps them there (as code-flow providers that
   * follow OIDC Core 5.4 do), checked to be about the same subject.
   */
  async complete(query: URLSearchParams, sealedState: string | undefined): Promise<OidcIdentity> {
    const { settings, sealer } = this.configured();
    const login = sealer.open(sealedState);
    if (!login) throw new OidcProtocolFailure('state_invalid', 'No valid sign-in state cookie');
    if (query.get('state') !== login.state) {
      throw new OidcProtocolFailure('state_mismatch', 'The answer belongs to another sign-in attempt');
    }
    const configuration = await this.discover();
    const currentUrl = new URL(settings.redirectUrl.href);
    currentUrl.search = query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.failureOf(error);
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcProtocolFailure('response_invalid', 'The provider returned no ID token');
    let email = typeof claims.email === 'string' ? claims.email : undefined;
    let emailVerified = typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined;
    if (email === undefined || emailVerified === undefined) {
      let info: oidc.UserInfoResponse;
      try {
        info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      } catch (error) {
        throw this.failureOf(error);
      }
      // The address and its verification are taken as a pair, never one from each source.
      if (typeof info.email === 'string') {
        email = info.email;
        emailVerified = typeof info.email_verified === 'boolean' ? info.email_verified : undefined;
      }
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email,
      emailVerified,
      // RFC 8176 values are short; a list that is not is cut down rather than carried into the ledger whole.
      amr: Array.isArray(claims.amr)
        ? claims.amr.filter((m): m is string => typeof m === 'string' && m.length <= 64).slice(0, 16)
        : [],
    };
  }

  private configured(): { settings: OidcSettings; sealer: OidcStateSealer } {
    if (!this.settings || !this.sealer) throw new OidcProtocolFailure('not_configured', 'OIDC is not configured');
    return { settings: this.settings, sealer: this.sealer };
  }

  /** Discovery once per process; a failure is not cached, so the next sign-in tries again. */
  private discover(): Promise<oidc.Configuration> {
    const { settings } = this.configured();
    this.configuration ??= oidc
      .discovery(settings.issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        timeout: 10,
        execute:
          settings.allowInsecureRequests && settings.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.warn(`OIDC discovery of ${settings.issuer.href} failed: ${String(error)}`);
        throw new OidcProtocolFailure('provider_unavailable', 'The OIDC provider could not be reached');
      });
    return this.configuration;
  }

  private failureOf(error: unknown): OidcProtocolFailure {
    if (error instanceof OidcProtocolFailure) return error;
    if (error instanceof oidc.AuthorizationResponseError) {
      return new OidcProtocolFailure('provider_error', 'The provider refused the sign-in', error.error);
    }
    if (error instanceof oidc.ResponseBodyError) {
      // e.g. invalid_grant: a code that was already redeemed, expired, or issued for another verifier.
      this.logger.warn(`OIDC token or UserInfo request refused: ${error.error}`);
      return new OidcProtocolFailure('response_invalid', 'The provider refused the code', error.error);
    }
    if (error instanceof oidc.ClientError) {
      // A misconfiguration (signing algorithm, issuer, client id) shows here first: the operator needs the message.
      this.logger.warn(`OIDC response failed validation: ${error.message} (${error.code ?? 'no code'})`);
      return new OidcProtocolFailure('response_invalid', `The provider's answer failed validation: ${error.message}`);
    }
    this.logger.warn(`OIDC request failed: ${String(error)}`);
    return new OidcProtocolFailure('provider_unavailable', 'The OIDC provider could not be reached');
  }
}
