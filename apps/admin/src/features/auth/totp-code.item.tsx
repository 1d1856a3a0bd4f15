import { SafetyOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';

interface TotpCodeItemProps {
  /** The form field the code goes into. */
  name?: string;
  label?: string;
  autoFocus?: boolean;
}

/** The 6-digit TOTP code field of every form that asks for one (sign-in, enrolment, re-authentication). */
export function TotpCodeItem({ name = 'code', label = 'Authentication code', autoFocus = false }: TotpCodeItemProps) {
  return (
    <Form.Item
      label={label}
      name={name}
      rules={[
        { required: true, message: 'Enter the code from your authenticator app' },
        { pattern: /^\s*\d{3}\s*\d{3}\s*$/, message: 'The code has 6 digits' },
      ]}
    >
      <Input
        prefix={<SafetyOutlined />}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        autoFocus={autoFocus}
      />
    </Form.Item>
  );
}
