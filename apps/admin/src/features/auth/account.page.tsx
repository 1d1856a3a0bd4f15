import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { callApiWithoutContent } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { useSession } from '../../app/auth.context';
import { MFA_ENROLMENT_PATH } from '../../app/require-auth';
import { ProblemAlert } from '../../shared/problem-alert';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

function ChangePasswordCard() {
  const [form] = Form.useForm<ChangePasswordForm>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);
  const [changed, setChanged] = useState(false);

  async function change({ currentPassword, newPassword }: ChangePasswordForm) {
    setSubmitting(true);
    setProblem(undefined);
    setChanged(false);
    const failure = await callApiWithoutContent(() =>
      api.POST('/v1/auth/password', { body: { currentPassword, newPassword } }),
    );
    setSubmitting(false);
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    form.resetFields();
    setChanged(true);
  }

  return (
    <Card title="Change password" style={{ maxWidth: 520 }}>
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">
          Length matters more than symbols: a passphrase of several words is strong and memorable. Passwords found in
          breaches or common lists are refused.
        </Typography.Text>
        {changed && <Alert type="success" showIcon title="Your password was changed" />}
        {problem !== undefined && <ProblemAlert problem={problem} />}
        <Form<ChangePasswordForm>
          form={form}
          name="change-password"
          layout="vertical"
          requiredMark={false}
          disabled={submitting}
          onFinish={(values) => void change(values)}
        >
          <Form.Item
            label="Current password"
            name="currentPassword"
            rules={[{ required: true, message: 'Enter your current password' }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="New password"
            name="newPassword"
            rules={[{ required: true, message: 'Choose a new password' }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="Repeat the new password"
            name="repeat"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: 'Repeat the new password' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('The two passwords differ')),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting}>
            Change password
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}

/** The signed-in person's own account: who they are, their second factor, and their password. */
export function AccountPage() {
  const session = useSession();
  return (
    <Flex vertical gap="middle">
      <title>Your account · Verity</title>
      <Typography.Title level={2} style={{ margin: 0 }}>
        Your account
      </Typography.Title>
      <Card style={{ maxWidth: 520 }}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: 'Name', children: session.user.displayName },
            { key: 'email', label: 'Email', children: session.user.email },
            { key: 'tenant', label: 'Tenant', children: `${session.tenant.name} (${session.tenant.slug})` },
            {
              key: 'roles',
              label: 'Roles',
              children: session.user.roles.map((role) => (
                <Tag key={role} color="blue">
                  {role}
                </Tag>
              )),
            },
            {
              key: 'mfa',
              label: 'Multi-factor authentication',
              // A new authenticator replaces an enrolled one only after an admin resets it (the api refuses otherwise).
              children: session.mfa.enrolled ? (
                <Tag color="green">Authenticator app enrolled</Tag>
              ) : (
                <Flex gap="small" align="center" wrap>
                  <Tag color={session.mfa.required ? 'red' : 'default'}>Not enrolled</Tag>
                  <Link to={MFA_ENROLMENT_PATH}>Set up an authenticator app</Link>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <ChangePasswordCard />
    </Flex>
  );
}
