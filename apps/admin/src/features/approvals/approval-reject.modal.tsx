import { Form, Input, Modal } from 'antd';

interface ApprovalRejectModalProps {
  open: boolean;
  title: string;
  /** The rejection is being sent. */
  busy: boolean;
  onReject: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Asks why an approval request is rejected: the reason goes to the requester and the audit trail. The form forgets
 * the reason once the modal closes (preserve off, content destroyed), so the next rejection starts empty.
 */
export function ApprovalRejectModal({ open, title, busy, onReject, onCancel }: ApprovalRejectModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText="Reject"
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        name="reject-approval"
        layout="vertical"
        preserve={false}
        onFinish={({ reason }) => onReject(reason)}
      >
        <Form.Item
          label="Reason"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: 'Say why, for the requester and the audit trail' },
            { max: 1000, message: 'At most 1000 characters' },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
