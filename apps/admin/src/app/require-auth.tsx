import { Button, Flex, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpin } from '../shared/full-page-spin';
import { ProblemAlert } from '../shared/problem-alert';
import { useAuth } from './auth.context';
import type { SignInLocationState } from './sign-in.location';

export const MFA_ENROLMENT_PATH = '/mfa/enrol';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, recheckSession } = useAuth();
  const location = useLocation();

  switch (state.status) {
    case 'checking':
      return <FullPageSpin description="Checking your session" />;
    case 'signed-out': {
      const signInState: SignInLocationState = { from: `${location.pathname}${location.search}` };
      return <Navigate to="/sign-in" replace state={signInState} />;
    }
    case 'unavailable':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24 }}>
          <Result
            status="error"
            title="Verity is unavailable"
            subTitle="Your session could not be checked."
            extra={
              <Button type="primary" onClick={recheckSession}>
                Try again
              </Button>
            }
          >
            <ProblemAlert problem={state.problem} />
          </Result>
        </Flex>
      );
    case 'signed-in': {
      const { mfa } = state.session;
      // The api refuses everything but enrolling (or confirming a code) to such a session; the UI goes straight there.
      if (mfa.required && !mfa.satisfied && location.pathname !== MFA_ENROLMENT_PATH) {
        return <Navigate to={MFA_ENROLMENT_PATH} replace />;
      }
      return children;
    }
  }
}
