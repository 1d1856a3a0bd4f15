import { Alert, Button, Card, Flex, Form, Result, Spin, Steps, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { TotpSetupDto } from '../../api/api.dto';
import { callApi, callApiWithoutContent } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { landingPathFor } from '../../app/app.navigation';
import { useAuth, useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { TotpCodeItem } from './totp-code.item';

/**
 * The QR code as an image: the SVG comes from our own server, but as an `<img>` it is only ever drawn, never run, and
 * never becomes part of the page's markup.
 */
export function svgImageSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

type SetupState =
  { status: 'loading' } | { status: 'ready'; setup: TotpSetupDto } | { status: 'failed'; problem: ApiProblem };

/** Shows the secret as groups of four, which is how authenticator apps ask for it to be typed. */
function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * MFA enrolment: a new TOTP secret as a QR code and as text, confirmed with a first code. People whose role requires
 * MFA land here after signing in and can do nothing else until they have enrolled.
 */
export function MfaEnrolmentPage() {
  const session = useSession();
  const { refreshSession, signOut } = useAuth();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const [setup, setSetup] = useState<SetupState>({ status: 'loading' });
  const [problem, setProblem] = useState<ApiProblem>();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const forced = session.mfa.required && !session.mfa.satisfied;
  // Enrolled already: this session only has to prove the code (e.g. after single sign-on without MFA). Fixed when
  // the page opens, so that enrolling here does not turn the page into the other case.
  const [enrolled] = useState(session.mfa.enrolled);

  useEffect(() => {
    if (enrolled) return;
    let current = true;
    void callApi(() => api.POST('/v1/auth/mfa/totp/setup')).then((result) => {
      if (!current) return;
      setSetup(result.ok ? { status: 'ready', setup: result.data } : { status: 'failed', problem: result.problem });
    });
    return () => {
      current = false;
    };
  }, [enrolled]);

  async function confirm({ code }: { code: string }) {
    setConfirming(true);
    setProblem(undefined);
    const digits = code.replace(/\s/g, '');
    const failure = await callApiWithoutContent(() =>
      enrolled
        ? api.POST('/v1/auth/reauthenticate', { body: { code: digits } })
        : api.POST('/v1/auth/mfa/totp/confirm', { body: { code: digits } }),
    );
    if (failure !== undefined) {
      setConfirming(false);
      setProblem(failure);
      return;
    }
    // The session now says MFA is enrolled, which lifts the restriction to this page.
    const refreshFailure = await refreshSession();
    setConfirming(false);
    if (refreshFailure !== undefined) setProblem(refreshFailure);
    else setDone(true);
  }

  const codeForm = (
    <>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Form<{ code: string }>
        name="mfa-confirm"
        layout="vertical"
        requiredMark={false}
        disabled={confirming}
        onFinish={(values) => void confirm(values)}
      >
        <TotpCodeItem />
        <Button type="primary" htmlType="submit" block loading={confirming}>
          {enrolled ? 'Confirm' : 'Confirm and enrol'}
        </Button>
      </Form>
    </>
  );

  const body = (() => {
    if (done) {
      return (
        <Result
          status="success"
          title={enrolled ? 'Code confirmed' : 'Authenticator app enrolled'}
          subTitle={enrolled ? undefined : 'From now on, signing in asks for a code from this app.'}
          extra={
            <Button type="primary" onClick={() => void navigate(landingPathFor(session.user.roles))}>
              Continue
            </Button>
          }
        />
      );
    }
    if (enrolled) {
      return (
        <Flex vertical gap="middle">
          <Typography.Text>Enter the current code from your authenticator app to continue.</Typography.Text>
          {codeForm}
        </Flex>
      );
    }
    switch (setup.status) {
      case 'loading':
        return <Spin description="Preparing your secret" />;
      case 'failed':
        return <ProblemAlert problem={setup.problem} />;
      case 'ready':
        return (
          <Flex vertical gap="middle">
            <Steps
              direction="vertical"
              size="small"
              current={-1}
              items={[
                { title: 'Scan the QR code with an authenticator app (or type the secret)' },
                { title: 'Enter the 6-digit code the app shows' },
              ]}
            />
            <Flex justify="center">
              <img
                src={svgImageSource(setup.setup.qrCodeSvg)}
                alt="QR code of your TOTP secret, for your authenticator app"
                width={200}
                height={200}
                style={{ background: token.colorWhite, padding: token.paddingXS }}
              />
            </Flex>
            <div>
              <Typography.Text type="secondary">Secret (if you cannot scan the code)</Typography.Text>
              <Typography.Paragraph
                code
                copyable={{ text: setup.setup.secret }}
                aria-label="TOTP secret"
                style={{ marginBottom: 0 }}
              >
                {groupedSecret(setup.setup.secret)}
              </Typography.Paragraph>
            </div>
            {codeForm}
          </Flex>
        );
    }
  })();

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: token.colorBgLayout }}>
      <title>Multi-factor authentication · Verity</title>
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <Flex vertical gap="middle">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {enrolled ? 'Confirm your authentication code' : 'Set up multi-factor authentication'}
          </Typography.Title>
          {forced && !done && (
            <Alert
              type="warning"
              showIcon
              title="Your role requires multi-factor authentication"
              description={
                enrolled
                  ? 'Confirm a code from your authenticator app to continue using Verity.'
                  : 'Enrol an authenticator app to continue using Verity.'
              }
            />
          )}
          {body}
          {!done && (
            <Flex justify="space-between">
              {forced ? <span /> : <Link to="/account">Back to your account</Link>}
              <Button type="link" onClick={() => void signOut()}>
                Sign out
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
