import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { paths } from './schema';

// Held in memory only: the token belongs to the session, so it must not outlive the page or be readable by other
// tabs the way storage would be.
let csrfToken: string | undefined;
let unauthorizedListener: (() => void) | undefined;
let activityListener: ((serverDate: number | undefined) => void) | undefined;

const CSRF_SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Calls whose 401 is a wrong password, code or token rather than an ended session: signing in, its TOTP step,
 * re-authenticating, changing the password and accepting an invitation.
 */
const CREDENTIAL_PATHS = new Set([
  '/v1/auth/sign-in',
  '/v1/auth/sign-in/totp',
  '/v1/auth/reauthenticate',
  '/v1/auth/password',
  '/v1/auth/invitations/accept',
]);

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function setUnauthorizedListener(listener: (() => void) | undefined): void {
  unauthorizedListener = listener;
}

/**
 * Told of every answered API call that did not end the session, with the server's clock from the Date header: each
 * request keeps the server-side session alive, so the session timeout warning starts counting again.
 */
export function setActivityListener(listener: ((serverDate: number | undefined) => void) | undefined): void {
  activityListener = listener;
}

/** The server's clock when it answered (the Date header, to the second), or undefined when it did not say. */
export function serverDateOf(response: Response): number | undefined {
  const header = response.headers.get('date');
  if (header === null) return undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : date;
}

const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken !== undefined && !CSRF_SAFE_METHODS.has(request.method)) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
};

const sessionEndedMiddleware: Middleware = {
  onResponse({ response, schemaPath }) {
    // A 401 from sign-in is a wrong password; from anywhere else it means the session expired or was revoked, and
    // the shell has to fall back to the sign-in page instead of showing a broken screen.
    if (response.status === 401 && !CREDENTIAL_PATHS.has(schemaPath)) {
      unauthorizedListener?.();
    } else if (response.status !== 401) {
      activityListener?.(serverDateOf(response));
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'include' });
api.use(csrfMiddleware, sessionEndedMiddleware);
