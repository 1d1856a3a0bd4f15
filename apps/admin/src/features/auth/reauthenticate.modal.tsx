import { LockOutlined } from '@ant-design/icons';
import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { useSession } from '../../app/auth.context';
import { ProblemAlert } from '../../shared/problem-alert';
import { TotpCodeItem } from './totp-code.item';

interface ReauthenticateModalProps {
  open: boolean;
  /** Why the action needs it, e.g. "Approving needs you to confirm it is you." */
  reason: string;
  onConfirmed: () => void;
  onCancel: () => void;
}

/**
 * Asks again who the person is before a sensitive action (approving a request): the TOTP code when they have an
 * authenticator, otherwise the password, as the api accepts. The server records the time; the caller then retries.
 */
export function ReauthenticateModal({ open, reason, onConfirmed, onCancel }: ReauthenticateModalProps) {
  const session = useSession();
  const method = session.mfa.enrolled ? 'code' : 'password';
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);
  const [form] = Form.useForm<{ secret: string }>();

  async function confirm({ secret }: { secret: string }) {
    setSubmitting(true);
    setProblem(undefined);
    const body = method === 'code' ? { code: secret.replace(/\s/g, '') } : { password: secret };
    const result = await callApi(() => api.POST('/v1/auth/reauthenticate', { body }));
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    form.resetFields();
    onConfirmed();
  }

  return (
    <Modal
      open={open}
      title="Confirm it is you"
      okText="Confirm"
      okButtonProps={{ loading: submitting }}
      onOk={() => {
        form.submit();
      }}
      onCancel={() => {
        form.resetFields();
        setProblem(undefined);
        onCancel();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>{reason}</Typography.Paragraph>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Form form={form} name="reauthenticate" layout="vertical" requiredMark={false} onFinish={(v) => void confirm(v)}>
        {method === 'code' ? (
          <TotpCodeItem name="secret" label="Your authentication code" />
        ) : (
          <Form.Item label="Your password" name="secret" rules={[{ required: true, message: 'Enter your password' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
