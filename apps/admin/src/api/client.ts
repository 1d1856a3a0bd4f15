import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { paths } from './schema';

// Held in memory only: the token belongs to the session, so it must not outlive the page or be readable by other
// tabs the way storage would be.
let csrfToken: string | undefined;
let unauthorizedListener: (() => void) | undefined;

const CSRF_SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SIGN_IN_PATH = '/v1/auth/sign-in';

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function setUnauthorizedListener(listener: (() => void) | undefined): void {
  unauthorizedListener = listener;
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
    if (response.status === 401 && schemaPath !== SIGN_IN_PATH) {
      unauthorizedListener?.();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'include' });
api.use(csrfMiddleware, sessionEndedMiddleware);
