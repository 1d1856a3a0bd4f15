import { LockOutlined, MailOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { SignInDto } from '../../api/api.dto';
import type { ApiProblem } from '../../api/api.problem';
import { useAuth } from '../../app/auth.context';
import { landingPathFor } from '../../app/app.navigation';
import { returnPathFrom } from '../../app/sign-in.location';
import { ProblemAlert } from '../../shared/problem-alert';

const initialValues: Partial<SignInDto> = { tenant: 'demo' };

export function SignInPage() {
  const { state, signIn } = useAuth();
  const location = useLocation();
  const { token } = theme.useToken();
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);

  // Signing in changes the auth state, and this redirect is what takes the user on; it also covers arriving here
  // with a session that is still valid.
  if (state.status === 'signed-in') {
    return <Navigate to={returnPathFrom(location.state, landingPathFor(state.session.user.roles))} replace />;
  }

  async function handleFinish(credentials: SignInDto) {
    setSubmitting(true);
    setProblem(undefined);
    const failure = await signIn(credentials);
    setSubmitting(false);
    setProblem(failure);
  }

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
        </Flex>
      </Card>
    </Flex>
  );
}
