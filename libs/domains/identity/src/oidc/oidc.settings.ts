import type { AppConfig } from '@platform/config';

export const OIDC_CALLBACK_PATH = '/v1/auth/oidc/callback';

/** The OIDC sign-in configuration, resolved from the environment (see the OIDC_* variables of the config schema). */
export interface OidcSettings {
  readonly issuer: URL;
  /** OIDC_ISSUER as configured, which is how the provider names itself (`iss`); what the ledger records. */
  readonly issuerIdentifier: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Slug of the one tenant whose users sign in through this provider. */
  readonly tenant: string;
  readonly redirectUrl: URL;
  readonly scopes: string;
  readonly displayName: string;
  /**
   * Plain-http issuers are accepted outside production only (a provider on localhost in development and tests);
   * the config loader refuses them in production.
   */
  readonly allowInsecureRequests: boolean;
}

/** The OIDC settings, or null when OIDC_ISSUER is unset (the config loader makes sure the rest is then unset too). */
export function oidcSettingsOf(config: AppConfig): OidcSettings | null {
  const v = config.values;
  if (!v.OIDC_ISSUER || !v.OIDC_CLIENT_ID || !v.OIDC_CLIENT_SECRET || !v.OIDC_TENANT) return null;
  const issuer = new URL(v.OIDC_ISSUER);
  return {
    issuer,
    issuerIdentifier: v.OIDC_ISSUER,
    clientId: v.OIDC_CLIENT_ID,
    clientSecret: v.OIDC_CLIENT_SECRET,
    tenant: v.OIDC_TENANT,
    redirectUrl: new URL(v.OIDC_REDIRECT_URL ?? `${config.publicUrl.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`),
    scopes: v.OIDC_SCOPES,
    displayName: v.OIDC_DISPLAY_NAME ?? 'single sign-on',
    allowInsecureRequests: !config.isProduction,
  };
}
