import { createContext, use, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, serverDateOf, setActivityListener, setCsrfToken, setUnauthorizedListener } from '../api/client';
import type { SessionDto, SignInDto } from '../api/api.dto';
import { callApiWithoutContent, problemFromException, problemFromResponse } from '../api/api.problem';
import type { ApiProblem } from '../api/api.problem';
import { sessionClock } from './session.clock';

/** Why the user is signed out, when the UI ended the session itself. */
export type SignedOutReason = 'idle' | 'session-limit';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out'; reason?: SignedOutReason }
  | { status: 'signed-in'; session: SessionDto }
  | { status: 'unavailable'; problem: ApiProblem };

/** The first step of signing in: a session, a TOTP challenge to answer, or the problem. */
export type SignInOutcome =
  | { status: 'signed_in' }
  | { status: 'mfa_required'; challenge: string; expiresAt: string }
  | { status: 'failed'; problem: ApiProblem };

interface AuthContextValue {
  state: AuthState;
  /** Password sign-in: the session, a TOTP step still to take, or the problem. */
  signIn: (credentials: SignInDto) => Promise<SignInOutcome>;
  /** The TOTP step of sign-in; resolves to the problem, or undefined once the session is in place. */
  signInWithTotp: (challenge: string, code: string) => Promise<ApiProblem | undefined>;
  /** Resolves to the problem when sign-out fails, or undefined once the session is gone. */
  signOut: (reason?: SignedOutReason) => Promise<ApiProblem | undefined>;
  /** Fetches the session again (which also keeps it alive), e.g. after enrolling MFA or for "stay signed in". */
  refreshSession: () => Promise<ApiProblem | undefined>;
  recheckSession: () => void;
}

type DatedResult<T> = { ok: true; data: T; serverDate?: number } | { ok: false; problem: ApiProblem };

/**
 * Like callApi, also reading the answer's Date header, which tells the session clock how far the browser's clock is
 * off the server's.
 */
async function callDated<T>(
  call: () => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<DatedResult<T>> {
  try {
    const { data, error, response } = await call();
    if (response.ok && data !== undefined) return { ok: true, data, serverDate: serverDateOf(response) };
    return { ok: false, problem: problemFromResponse(error, response) };
  } catch (exception) {
    return { ok: false, problem: problemFromException(exception) };
  }
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });

  const applySession = useCallback((session: SessionDto | undefined, serverDate?: number, reason?: SignedOutReason) => {
    setCsrfToken(session?.csrfToken);
    sessionClock.set(session, serverDate);
    setState(session === undefined ? { status: 'signed-out', reason } : { status: 'signed-in', session });
  }, []);

  const loadSession = useCallback(async () => {
    const result = await callDated(() => api.GET('/v1/auth/session'));
    if (result.ok) {
      applySession(result.data, result.serverDate);
    } else if (result.problem.status === 401) {
      applySession(undefined);
    } else {
      // Not a verdict on the user: sending them to sign-in would hide that the API itself is failing.
      setState({ status: 'unavailable', problem: result.problem });
    }
  }, [applySession]);

  useEffect(() => {
    setUnauthorizedListener(() => {
      applySession(undefined);
    });
    setActivityListener((serverDate) => {
      sessionClock.recordActivity(serverDate);
    });
    void loadSession();
    return () => {
      setUnauthorizedListener(undefined);
      setActivityListener(undefined);
    };
  }, [applySession, loadSession]);

  const recheckSession = useCallback(() => {
    setState({ status: 'checking' });
    void loadSession();
  }, [loadSession]);

  const refreshSession = useCallback(async () => {
    const result = await callDated(() => api.GET('/v1/auth/session'));
    if (!result.ok) return result.problem;
    applySession(result.data, result.serverDate);
    return undefined;
  }, [applySession]);

  const signIn = useCallback(
    async (credentials: SignInDto): Promise<SignInOutcome> => {
      const result = await callDated(() => api.POST('/v1/auth/sign-in', { body: credentials }));
      if (!result.ok) return { status: 'failed', problem: result.problem };
      if (result.data.status === 'mfa_required') {
        return { status: 'mfa_required', challenge: result.data.challenge, expiresAt: result.data.expiresAt };
      }
      applySession(result.data, result.serverDate);
      return { status: 'signed_in' };
    },
    [applySession],
  );

  const signInWithTotp = useCallback(
    async (challenge: string, code: string) => {
      const result = await callDated(() => api.POST('/v1/auth/sign-in/totp', { body: { challenge, code } }));
      if (!result.ok) return result.problem;
      applySession(result.data, result.serverDate);
      return undefined;
    },
    [applySession],
  );

  const signOut = useCallback(
    async (reason?: SignedOutReason) => {
      const problem = await callApiWithoutContent(() => api.POST('/v1/auth/sign-out'));
      // A 401 means the session had already ended, which is the outcome the user asked for. When the UI ends an idle
      // session itself, it forgets the session whatever the answer: the server ends it too once idle.
      if (problem !== undefined && problem.status !== 401 && reason === undefined) return problem;
      applySession(undefined, undefined, reason);
      return undefined;
    },
    [applySession],
  );

  const value = useMemo(
    () => ({ state, signIn, signInWithTotp, signOut, refreshSession, recheckSession }),
    [state, signIn, signInWithTotp, signOut, refreshSession, recheckSession],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const value = use(AuthContext);
  if (value === undefined) throw new Error('useAuth needs an AuthProvider above it');
  return value;
}

/** The signed-in session; only valid below RequireAuth, which renders its children only when signed in. */
export function useSession(): SessionDto {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useSession is only available below RequireAuth');
  return state.session;
}
