import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CreateUserDto, CreatedUserDto, InvitationDto } from '../../api/api.dto';
import { callApi } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';

/** An invitation link, shown the one time the server tells it, with a copy button. */
export function InvitationLink({ displayName, invitation }: { displayName: string; invitation: InvitationDto }) {
  const url = new URL(invitation.url, window.location.origin).href;
  return (
    <Flex vertical gap="middle">
      <Alert
        type="success"
        showIcon
        title={`${displayName} is invited`}
        description={`Send them this link; it lets them choose a password and works once, until ${new Date(
          invitation.expiresAt,
        ).toLocaleString()}. It is shown only now.`}
      />
      <Typography.Paragraph
        code
        copyable={{ text: url }}
        aria-label="Invitation link"
        style={{ margin: 0, wordBreak: 'break-all' }}
      >
        {url}
      </Typography.Paragraph>
    </Flex>
  );
}

interface UserInviteModalProps {
  open: boolean;
  onClose: () => void;
  /** Called once the user exists, so the list can show them while the link is still on screen. */
  onCreated: () => void;
}

/**
 * Invites a person: creates the user and shows the invitation link once, to copy and send them. The link lets them
 * choose a password; it is not stored in a retrievable form, so it cannot be shown again.
 */
export function UserInviteModal({ open, onClose, onCreated }: UserInviteModalProps) {
  const [form] = Form.useForm<CreateUserDto>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<CreatedUserDto>();

  async function invite(values: CreateUserDto) {
    setSubmitting(true);
    setProblem(undefined);
    const result = await callApi(() => api.POST('/v1/users', { body: values }));
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setCreated(result.data);
    onCreated();
  }

  function close() {
    form.resetFields();
    setProblem(undefined);
    setCreated(undefined);
    onClose();
  }

  return (
    <Modal
      open={open}
      title={created === undefined ? 'Invite a user' : 'Send the invitation link'}
      onCancel={close}
      mask={{ closable: created === undefined }}
      destroyOnHidden
      footer={
        created === undefined
          ? [
              <Button key="cancel" onClick={close}>
                Cancel
              </Button>,
              <Button
                key="invite"
                type="primary"
                loading={submitting}
                onClick={() => {
                  form.submit();
                }}
              >
                Invite
              </Button>,
            ]
          : [
              <Button key="done" type="primary" onClick={close}>
                Done
              </Button>,
            ]
      }
    >
      {created === undefined ? (
        <>
          {problem !== undefined && <ProblemAlert problem={problem} />}
          <Form<CreateUserDto>
            form={form}
            name="invite-user"
            layout="vertical"
            requiredMark={false}
            disabled={submitting}
            onFinish={(values) => void invite(values)}
          >
            <Form.Item
              label="Email"
              name="email"
              rules={[
                { required: true, message: 'Enter the email address' },
                { type: 'email', message: 'Enter a valid email address' },
              ]}
            >
              <Input type="email" autoComplete="off" />
            </Form.Item>
            <Form.Item
              label="Display name"
              name="displayName"
              rules={[{ required: true, whitespace: true, message: 'Enter the name' }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Typography.Text type="secondary">
              New users have no roles: request roles for them once they are invited (another admin approves).
            </Typography.Text>
          </Form>
        </>
      ) : (
        <InvitationLink displayName={created.user.displayName} invitation={created.invitation} />
      )}
    </Modal>
  );
}
