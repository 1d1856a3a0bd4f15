import { LockOutlined, LoginOutlined, MailOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Flex, Form, Input, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { SignInDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { useAuth } from '../../app/auth.context';
import type { SignedOutReason } from '../../app/auth.context';
import { landingPathFor } from '../../app/app.navigation';
import { returnPathFrom } from '../../app/sign-in.location';
import { ProblemAlert } from '../../shared/problem-alert';
import { TotpCodeItem } from './totp-code.item';

const initialValues: Partial<SignInDto> = { tenant: 'demo' };

/** What a single sign-on that came back as `/sign-in?error=<code>` means to the person (the details are audited). */
const OIDC_ERRORS: Record<string, string> = {
  oidc_unavailable: 'Single sign-on is not available at the moment. Sign in with your password.',
  oidc_expired: 'The single sign-on attempt expired or was started in another browser. Try again.',
  oidc_cancelled: 'The identity provider did not sign you in.',
  oidc_failed: 'Single sign-on failed. Try again, or sign in with your password.',
  oidc_no_account: 'There is no active Verity account for the email address your identity provider gave.',
  account_locked: 'Your account is locked after too many failed sign-ins. Try again later.',
};

const SIGNED_OUT_MESSAGES: Record<SignedOutReason, string> = {
  idle: 'You were signed out after a period of inactivity.',
  'session-limit': 'Your session reached its time limit. Sign in again to continue.',
};

function oidcErrorMessage(code: string): string {
  // Only known codes are shown in words; anything else in the address is not echoed into the page.
  return Object.hasOwn(OIDC_ERRORS, code)
    ? OIDC_ERRORS[code]
    : 'Single sign-on failed. Try again, or sign in with your password.';
}

interface OidcOption {
  enabled: boolean;
  displayName: string | null;
}

function useOidcOption(): OidcOption | undefined {
  const [option, setOption] = useState<OidcOption>();
  useEffect(() => {
    const controller = new AbortController();
    void callApi(() => api.GET('/v1/auth/oidc', { signal: controller.signal })).then((result) => {
      // Without an answer the password form is still there: single sign-on simply is not offered.
      if (!controller.signal.aborted && result.ok) setOption(result.data);
    });
    return () => {
      controller.abort();
    };
  }, []);
  return option;
}

interface TotpStep {
  challenge: string;
}

/** The api's answer when the TOTP step can no longer be completed (expired, used, or too many wrong codes). */
const CHALLENGE_INVALID = 'identity/mfa_challenge_invalid';

function PasswordStep({
  onChallenge,
  initialProblem,
}: {
  onChallenge: (step: TotpStep) => void;
  /** Why the person is back at the password step, e.g. an expired TOTP challenge. */
  initialProblem?: ApiProblem;
}) {
  const { signIn } = useAuth();
  const [problem, setProblem] = useState<ApiProblem | undefined>(initialProblem);
  const [submitting, setSubmitting] = useState(false);

  async function handleFinish(credentials: SignInDto) {
    setSubmitting(true);
    setProblem(undefined);
    const outcome = await signIn(credentials);
    setSubmitting(false);
    if (outcome.status === 'failed') setProblem(outcome.problem);
    if (outcome.status === 'mfa_required') onChallenge({ challenge: outcome.challenge });
  }

  return (
    <>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Form<SignInDto>
        name="sign-in"
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        disabled={submitting}
        onFinish={(credentials) => void handleFinish(credentials)}
      >
        <Form.Item label="Tenant" name="tenant" rules={[{ required: true, message: 'Enter your tenant' }]}>
          <Input prefix={<TeamOutlined />} autoComplete="organization" />
        </Form.Item>
        <Form.Item
          label="Email"
          name="email"
          rules={[
            { required: true, message: 'Enter your email address' },
            { type: 'email', message: 'Enter a valid email address' },
          ]}
        >
          <Input prefix={<MailOutlined />} type="email" autoComplete="username" />
        </Form.Item>
        <Form.Item label="Password" name="password" rules={[{ required: true, message: 'Enter your password' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          Sign in
        </Button>
      </Form>
    </>
  );
}

function TotpStepForm({ step, onBack }: { step: TotpStep; onBack: (problem?: ApiProblem) => void }) {
  const { signInWithTotp } = useAuth();
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);

  async function handleFinish({ code }: { code: string }) {
    setSubmitting(true);
    setProblem(undefined);
    const failure = await signInWithTotp(step.challenge, code.replace(/\s/g, ''));
    setSubmitting(false);
    // A dead challenge cannot take another code: back to the password, saying why.
    if (failure?.code === CHALLENGE_INVALID) onBack(failure);
    else setProblem(failure);
  }

  return (
    <>
      <Typography.Text>Enter the 6-digit code from your authenticator app.</Typography.Text>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Form<{ code: string }>
        name="sign-in-totp"
        layout="vertical"
        requiredMark={false}
        disabled={submitting}
        onFinish={(values) => void handleFinish(values)}
      >
        <TotpCodeItem autoFocus />
        <Flex vertical gap="small">
          <Button type="primary" htmlType="submit" block loading={submitting}>
            Verify
          </Button>
          <Button
            type="link"
            block
            onClick={() => {
              onBack();
            }}
          >
            Use a different account
          </Button>
        </Flex>
      </Form>
    </>
  );
}

/** Sign-in: tenant, email and password, then the TOTP code when the account has MFA; or single sign-on. */
export function SignInPage() {
  const { state } = useAuth();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const { token } = theme.useToken();
  const oidc = useOidcOption();
  const [totpStep, setTotpStep] = useState<TotpStep>();
  const [restartProblem, setRestartProblem] = useState<ApiProblem>();

  // Signing in changes the auth state, and this redirect is what takes the user on; it also covers arriving here
  // with a session that is still valid.
  if (state.status === 'signed-in') {
    return <Navigate to={returnPathFrom(location.state, landingPathFor(state.session.user.roles))} replace />;
  }

  const oidcError = searchParams.get('error');
  const signedOutReason = state.status === 'signed-out' ? state.reason : undefined;

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: token.colorBgLayout }}>
      <title>Sign in · Verity</title>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Flex vertical gap="large">
          <div>
            <Typography.Title level={2} style={{ marginBottom: 0 }}>
              Verity
            </Typography.Title>
            <Typography.Text type="secondary">Payments compliance and AML</Typography.Text>
          </div>
          {signedOutReason !== undefined && <Alert type="info" showIcon title={SIGNED_OUT_MESSAGES[signedOutReason]} />}
          {oidcError !== null && totpStep === undefined && (
            <Alert type="error" showIcon title={oidcErrorMessage(oidcError)} />
          )}
          {totpStep === undefined ? (
            <PasswordStep
              onChallenge={(step) => {
                setRestartProblem(undefined);
                setTotpStep(step);
              }}
              initialProblem={restartProblem}
            />
          ) : (
            <TotpStepForm
              step={totpStep}
              onBack={(problem) => {
                setRestartProblem(problem);
                setTotpStep(undefined);
              }}
            />
          )}
          {oidc?.enabled === true && totpStep === undefined && (
            <>
              <Divider plain style={{ margin: 0 }}>
                or
              </Divider>
              <Button block icon={<LoginOutlined />} href="/v1/auth/oidc/start">
                {`Sign in with ${oidc.displayName ?? 'single sign-on'}`}
              </Button>
            </>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
