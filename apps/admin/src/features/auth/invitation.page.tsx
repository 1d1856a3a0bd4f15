import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Result, Typography, theme } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { callApiWithoutContent } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';

interface InvitationForm {
  password: string;
  repeat: string;
}

/** The public page an invitation link opens: the invited person chooses their password, then signs in. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const { token: design } = theme.useToken();
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);
  const [accepted, setAccepted] = useState(false);

  async function accept({ password }: InvitationForm) {
    setSubmitting(true);
    setProblem(undefined);
    const failure = await callApiWithoutContent(() =>
      api.POST('/v1/auth/invitations/accept', { body: { token, password } }),
    );
    setSubmitting(false);
    if (failure === undefined) setAccepted(true);
    else setProblem(failure);
  }

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: design.colorBgLayout }}>
      <title>Accept your invitation · Verity</title>
      {/* The link's token is a credential: it must not travel to other sites in a Referer header. */}
      <meta name="referrer" content="no-referrer" />
      <Card style={{ width: '100%', maxWidth: 420 }}>
        {accepted ? (
          <Result
            status="success"
            title="Your password is set"
            subTitle="Sign in with your email address and the password you chose."
            extra={
              <Link to="/sign-in">
                <Button type="primary">Go to sign-in</Button>
              </Link>
            }
          />
        ) : (
          <Flex vertical gap="middle">
            <div>
              <Typography.Title level={3} style={{ marginBottom: 0 }}>
                Welcome to Verity
              </Typography.Title>
              <Typography.Text type="secondary">
                Choose a password for your account. A long passphrase is easier to remember and harder to guess.
              </Typography.Text>
            </div>
            {problem !== undefined && <ProblemAlert problem={problem} />}
            <Form<InvitationForm>
              name="accept-invitation"
              layout="vertical"
              requiredMark={false}
              disabled={submitting}
              onFinish={(values) => void accept(values)}
            >
              <Form.Item
                label="New password"
                name="password"
                rules={[{ required: true, message: 'Choose a password' }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                label="Repeat the password"
                name="repeat"
                dependencies={['password']}
                rules={[
                  { required: true, message: 'Repeat the password' },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      value === getFieldValue('password')
                        ? Promise.resolve()
                        : Promise.reject(new Error('The two passwords differ')),
                  }),
                ]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                Set password
              </Button>
            </Form>
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
