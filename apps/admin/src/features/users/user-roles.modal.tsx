import { Alert, Checkbox, Flex, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { PersonRole, UserDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';

/** The roles a person can hold (integration is for API keys). */
export const PERSON_ROLES: readonly { value: PersonRole; label: string; description: string }[] = [
  { value: 'admin', label: 'Admin', description: 'users, roles, API keys and every approval' },
  { value: 'compliance_officer', label: 'Compliance officer', description: 'decides cases and files reports' },
  { value: 'analyst', label: 'Analyst', description: 'works alerts and cases' },
  { value: 'auditor', label: 'Auditor', description: 'reads everything, including the audit ledger; changes nothing' },
];

interface UserRolesModalProps {
  user?: UserDto;
  onClose: () => void;
  /** The change was requested: it takes effect once another admin approves it. */
  onRequested: (user: UserDto, approvalId: string) => void;
}

/** Requests a change of a user's roles; it is a four-eyes change, so it waits for a second admin's approval. */
export function UserRolesModal({ user, onClose, onRequested }: UserRolesModalProps) {
  const [form] = Form.useForm<{ roles: PersonRole[] }>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);

  async function request({ roles }: { roles: PersonRole[] }) {
    if (user === undefined) return;
    setSubmitting(true);
    setProblem(undefined);
    const result = await callApi(() =>
      api.PUT('/v1/users/{id}/roles', { params: { path: { id: user.id } }, body: { roles } }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    onRequested(user, result.data.approval.id);
  }

  return (
    <Modal
      open={user !== undefined}
      title={user === undefined ? 'Change roles' : `Change roles of ${user.displayName}`}
      okText="Request approval"
      okButtonProps={{ loading: submitting }}
      onOk={() => {
        form.submit();
      }}
      onCancel={() => {
        setProblem(undefined);
        onClose();
      }}
      destroyOnHidden
    >
      <Flex vertical gap="middle">
        <Alert
          type="info"
          showIcon
          title="A second admin must approve this change"
          description="The user keeps their current roles until another admin approves exactly this request."
        />
        {problem !== undefined && <ProblemAlert problem={problem} />}
        <Form<{ roles: PersonRole[] }>
          form={form}
          name="user-roles"
          layout="vertical"
          initialValues={{ roles: user?.roles ?? [] }}
          onFinish={(values) => void request(values)}
        >
          <Form.Item label="Roles" name="roles">
            <Checkbox.Group>
              <Flex vertical gap="small">
                {PERSON_ROLES.map((role) => (
                  <Checkbox key={role.value} value={role.value}>
                    {role.label} <Typography.Text type="secondary">— {role.description}</Typography.Text>
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
