import { DeleteOutlined, KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from '../../api/api.dto';
import { callApi, callApiWithoutContent } from '../../api/api.problem';
import type { ApiProblem } from '../../api/api.problem';
import { ProblemAlert } from '../../shared/problem-alert';

/** Roles a key may hold: the server refuses roles that require MFA (admin, compliance officer by default). */
const KEY_ROLES: { value: CreateApiKeyDto['role']; label: string }[] = [
  { value: 'integration', label: 'integration (machine access)' },
  { value: 'auditor', label: 'auditor (read-only)' },
  { value: 'analyst', label: 'analyst' },
];

function formatTime(iso: string | null): string {
  return iso === null ? '—' : new Date(iso).toLocaleString();
}

function CreateApiKeyModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKeyDto) => void;
}) {
  const [form] = Form.useForm<CreateApiKeyDto>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [submitting, setSubmitting] = useState(false);

  async function create(values: CreateApiKeyDto) {
    setSubmitting(true);
    setProblem(undefined);
    const result = await callApi(() => api.POST('/v1/api-keys', { body: values }));
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    form.resetFields();
    onCreated(result.data);
  }

  return (
    <Modal
      open={open}
      title="Create an API key"
      okText="Create key"
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
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Form<CreateApiKeyDto>
        form={form}
        name="create-api-key"
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'integration' }}
        onFinish={(values) => void create(values)}
      >
        <Form.Item
          label="Name"
          name="name"
          extra="What the key is for, e.g. payments gateway (production)."
          rules={[
            { required: true, whitespace: true, message: 'Name the key' },
            { max: 100, message: 'At most 100 characters' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="Role" name="role" rules={[{ required: true, message: 'Choose the role' }]}>
          <Select options={KEY_ROLES} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Shows a new key's secret, the one time the server tells it. */
function CreatedKeyModal({ created, onClose }: { created?: CreatedApiKeyDto; onClose: () => void }) {
  return (
    <Modal
      open={created !== undefined}
      title="Copy your new API key"
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          I have copied the key
        </Button>
      }
    >
      {created !== undefined && (
        <Flex vertical gap="middle">
          <Alert
            type="warning"
            showIcon
            title="This is the only time the key is shown"
            description="Verity keeps only its hash. Store it in your secret manager now; if it is lost, revoke it and create another."
          />
          <Typography.Paragraph code copyable={{ text: created.key }} aria-label="New API key" style={{ margin: 0 }}>
            {created.key}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            Send it as <Typography.Text code>Authorization: Bearer &lt;key&gt;</Typography.Text>.
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}

/** The tenant's API keys: create (secret shown once), see when each was last used, revoke. */
export function ApiKeysPage() {
  const { message } = App.useApp();
  const [keys, setKeys] = useState<ApiKeyDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKeyDto>();

  const load = useCallback(async () => {
    setLoading(true);
    const result = await callApi(() => api.GET('/v1/api-keys'));
    setLoading(false);
    if (result.ok) {
      setKeys(result.data);
      setProblem(undefined);
    } else {
      setProblem(result.problem);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function revoke(key: ApiKeyDto) {
    const failure = await callApiWithoutContent(() =>
      api.DELETE('/v1/api-keys/{id}', { params: { path: { id: key.id } } }),
    );
    if (failure !== undefined) {
      setProblem(failure);
      return;
    }
    void message.success(`Key “${key.name}” revoked`);
    await load();
  }

  const columns: TableColumnsType<ApiKeyDto> = [
    { title: 'Name', dataIndex: 'name' },
    {
      title: 'Key',
      dataIndex: 'prefix',
      render: (prefix: string) => <Typography.Text code>{`vk_${prefix}_…`}</Typography.Text>,
    },
    { title: 'Role', dataIndex: 'role', render: (role: string) => <Tag>{role}</Tag> },
    { title: 'Limit / min', dataIndex: 'rateLimitPerMinute' },
    { title: 'Created', dataIndex: 'createdAt', render: formatTime },
    {
      title: 'Last used',
      dataIndex: 'lastUsedAt',
      render: (value: string | null) => (value === null ? 'Never' : formatTime(value)),
    },
    {
      title: 'Status',
      key: 'status',
      render: (_, key) =>
        key.revokedAt === null ? (
          <Tag color="green">active</Tag>
        ) : (
          <Tag color="red">{`revoked ${formatTime(key.revokedAt)}`}</Tag>
        ),
    },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, key) =>
        key.revokedAt === null && (
          <Popconfirm
            title={`Revoke “${key.name}”?`}
            description="Its next request is refused. This cannot be undone."
            okText="Revoke"
            okButtonProps={{ danger: true }}
            onConfirm={() => {
              void revoke(key);
            }}
          >
            <Button danger size="small" icon={<DeleteOutlined />} aria-label={`Revoke ${key.name}`}>
              Revoke
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <title>API keys · Verity</title>
      <Flex align="center" justify="space-between" wrap gap="middle">
        <Typography.Title level={2} style={{ margin: 0 }}>
          <KeyOutlined /> API keys
        </Typography.Title>
        <Flex gap="small">
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
            Refresh
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setCreating(true);
            }}
          >
            Create key
          </Button>
        </Flex>
      </Flex>
      {problem !== undefined && <ProblemAlert problem={problem} />}
      <Card size="small">
        <Table<ApiKeyDto>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={keys}
          pagination={false}
        />
      </Card>
      <CreateApiKeyModal
        open={creating}
        onClose={() => {
          setCreating(false);
        }}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
          void load();
        }}
      />
      <CreatedKeyModal
        created={created}
        onClose={() => {
          setCreated(undefined);
        }}
      />
    </Flex>
  );
}
