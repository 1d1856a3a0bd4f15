import type { Request, Response } from 'express';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readCookie } from '../session/session.cookie.js';

export const OIDC_STATE_COOKIE = 'verity_oidc';
/** How long a person has to complete the sign-in at the provider. */
export const OIDC_STATE_TTL_MS = 10 * 60_000;
/** The cookie is only sent to the OIDC routes, never to the rest of the api. */
const COOKIE_PATH = '/v1/auth/oidc';

/** What the callback needs to check that the answer belongs to the sign-in this browser started. */
export interface OidcLoginState {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Epoch milliseconds after which the attempt is refused. */
  readonly expiresAt: number;
}

/**
 * Seals the login state into a cookie value with AES-256-GCM: the browser can neither read the PKCE verifier nor
 * change anything without the tag failing. Every api instance derives the same key from the client secret, so the
 * callback may reach another instance than the start did.
 */
export class OidcStateSealer {
  private readonly key: Buffer;

  constructor(clientSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', clientSecret, 'verity', 'verity/oidc-state-cookie/v1', 32));
  }

  seal(login: OidcLoginState): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(login), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The login state, or null when the value is malformed, was tampered with, or has expired. */
  open(sealed: string | undefined, now = Date.now()): OidcLoginState | null {
    if (!sealed || sealed.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(sealed)) return null;
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 12 + 16 + 2) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString();
      const login = JSON.parse(text) as Partial<OidcLoginState>;
      if (
        typeof login.state !== 'string' ||
        typeof login.nonce !== 'string' ||
        typeof login.codeVerifier !== 'string' ||
        typeof login.expiresAt !== 'number' ||
        login.expiresAt <= now
      ) {
        return null;
      }
      return login as OidcLoginState;
    } catch {
      return null;
    }
  }
}

export function readOidcStateCookie(req: Request): string | undefined {
  return readCookie(req, OIDC_STATE_COOKIE);
}

/**
 * httpOnly and Secure like the session cookie, but SameSite=Lax: the provider sends the browser back to the callback
 * with a cross-site top-level GET, on which a Strict cookie would not be sent and every sign-in would fail. Lax is
 * safe here because the cookie grants nothing by itself: it only ties the callback to the browser that started the
 * sign-in (which is what stops an attacker from completing a sign-in of their own in someone else's browser).
 */
export function writeOidcStateCookie(res: Response, sealed: string): void {
  res.cookie(OIDC_STATE_COOKIE, sealed, {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: COOKIE_PATH,
    maxAge: OIDC_STATE_TTL_MS,
  });
}

/** The callback clears the cookie whatever the outcome, so one attempt is answered at most once by this browser. */
export function clearOidcStateCookie(res: Response): void {
  res.clearCookie(OIDC_STATE_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax', path: COOKIE_PATH });
}
