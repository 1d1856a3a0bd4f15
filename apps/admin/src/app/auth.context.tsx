import { createContext, use, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, setCsrfToken, setUnauthorizedListener } from '../api/client';
import type { SessionDto, SignInDto } from '../api/api.dto';
import { callApi, callApiWithoutContent } from '../api/api.problem';
import type { ApiProblem } from '../api/api.problem';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: SessionDto }
  | { status: 'unavailable'; problem: ApiProblem };

interface AuthContextValue {
  state: AuthState;
  /** Resolves to the problem when sign-in fails, or undefined once the session is in place. */
  signIn: (credentials: SignInDto) => Promise<ApiProblem | undefined>;
  /** Resolves to the problem when sign-out fails, or undefined once the session is gone. */
  signOut: () => Promise<ApiProblem | undefined>;
  recheckSession: () => void;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });

  const applySession = useCallback((session: SessionDto | undefined) => {
    setCsrfToken(session?.csrfToken);
    setState(session === undefined ? { status: 'signed-out' } : { status: 'signed-in', session });
  }, []);

  const loadSession = useCallback(async () => {
    const result = await callApi(() => api.GET('/v1/auth/session'));
    if (result.ok) {
      applySession(result.data);
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
    void loadSession();
    return () => {
      setUnauthorizedListener(undefined);
    };
  }, [applySession, loadSession]);

  const recheckSession = useCallback(() => {
    setState({ status: 'checking' });
    void loadSession();
  }, [loadSession]);

  const signIn = useCallback(
    async (credentials: SignInDto) => {
      const result = await callApi(() => api.POST('/v1/auth/sign-in', { body: credentials }));
      if (!result.ok) return result.problem;
      applySession(result.data);
      return undefined;
    },
    [applySession],
  );

  const signOut = useCallback(async () => {
    const problem = await callApiWithoutContent(() => api.POST('/v1/auth/sign-out'));
    // A 401 means the session had already ended, which is the outcome the user asked for.
    if (problem !== undefined && problem.status !== 401) return problem;
    applySession(undefined);
    return undefined;
  }, [applySession]);

  const value = useMemo(() => ({ state, signIn, signOut, recheckSession }), [state, signIn, signOut, recheckSession]);
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
